import { sendToIntake } from '../adapters/queues.ts';
import { getRequest, queryStaleByStatus } from '../adapters/requests-table.ts';
import { toBangkokIso } from '../domain/time.ts';
import { dispatchToAgency } from './dispatch.ts';

export interface ReconcileOptions {
  readonly provinces: readonly string[];
  /** Only requests unchanged for this long: younger ones are still on their way. */
  readonly olderThanSeconds: number;
  /**
   * Also re-send ROUTED requests to their agency's queue. Only right when the queues are known
   * to have lost their messages (the local emulator keeps none across a restart); on AWS the
   * router's retries and the DLQ redrive cover a failed agency send.
   */
  readonly includeRouted: boolean;
  readonly now?: Date;
}

/**
 * Re-sends requests stranded between the table and a queue: SUBMITTED ones to their province's
 * intake queue (the router's conditional SUBMITTED → ROUTED makes a duplicate harmless), and on
 * request ROUTED ones to their agency. Found through the byProvinceStatus index, never a scan.
 */
export async function reconcileStranded(options: ReconcileOptions) {
  const cutoff = toBangkokIso(
    new Date((options.now ?? new Date()).getTime() - options.olderThanSeconds * 1000),
  );
  let resentToIntake = 0;
  let resentToAgency = 0;
  for (const province of options.provinces) {
    for (const requestId of await queryStaleByStatus(province, 'SUBMITTED', cutoff)) {
      const item = await getRequest(requestId);
      if (item?.status !== 'SUBMITTED') continue;
      await sendToIntake({ requestId, provinceCode: item.provinceCode }, item.version);
      resentToIntake++;
    }
    if (!options.includeRouted) continue;
    for (const requestId of await queryStaleByStatus(province, 'ROUTED', cutoff)) {
      const item = await getRequest(requestId);
      if (item?.status !== 'ROUTED') continue;
      await dispatchToAgency(item);
      resentToAgency++;
    }
  }
  return { resentToIntake, resentToAgency };
}
