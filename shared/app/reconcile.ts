import { documentsBucketName, objectExists } from '../adapters/documents-bucket.ts';
import { sendDocumentEvent, sendToIntake } from '../adapters/queues.ts';
import {
  agencyRequestIdsInStatus,
  getRequest,
  queryStaleByStatus,
  recordIntakeResend,
} from '../adapters/requests-table.ts';
import { PENDING_UPLOAD_PARTITION } from '../domain/lifecycle.ts';
import { toBangkokIso } from '../domain/time.ts';
import { logger } from '../observability.ts';
import { dispatchToAgency } from './dispatch.ts';

/**
 * Re-sends of one SUBMITTED request before routing is taken as failing for good (its message
 * keeps landing in the intake DLQ): the request is flagged, the operators alarmed, and the
 * re-sending stops. A redrive from the DLQ after a fix still routes it.
 */
export const MAX_INTAKE_RESENDS = 3;

/** Uploads older than this are abandoned, not lost: the reconciler stops looking for them. */
const PENDING_UPLOAD_WINDOW_MS = 24 * 3_600_000;

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
  /** Count re-sends towards MAX_INTAKE_RESENDS (not when refilling emptied local queues). */
  readonly countResends?: boolean;
  readonly now?: Date;
}

/**
 * Re-sends work stranded between the table, the bucket and the queues, found through the
 * byProvinceStatus index, never a scan:
 * - SUBMITTED requests to their province's intake queue (the router's conditional SUBMITTED →
 *   ROUTED makes a duplicate harmless), at most MAX_INTAKE_RESENDS times;
 * - uploads acknowledged by S3 whose notification never reached the verifier (a document still
 *   PENDING_UPLOAD whose object exists), to the verifier's queue;
 * - on request, ROUTED requests to their agency.
 */
export async function reconcileStranded(options: ReconcileOptions) {
  const now = options.now ?? new Date();
  const cutoff = toBangkokIso(new Date(now.getTime() - options.olderThanSeconds * 1000));
  const uploadsSince = toBangkokIso(new Date(now.getTime() - PENDING_UPLOAD_WINDOW_MS));
  const countResends = options.countResends ?? true;
  let resentToIntake = 0;
  let resentToAgency = 0;
  let uploadsResent = 0;
  let gaveUp = 0;
  for (const province of options.provinces) {
    for (const requestId of await queryStaleByStatus(province, 'SUBMITTED', cutoff)) {
      const item = await getRequest(requestId);
      if (item?.status !== 'SUBMITTED' || item.routingFailedAt) continue;
      if (countResends && (item.intakeResends ?? 0) >= MAX_INTAKE_RESENDS) {
        const note = `Routing failed after ${MAX_INTAKE_RESENDS} re-sends; operators alerted (intake DLQ)`;
        if (await recordIntakeResend(item, { at: toBangkokIso(now), note })) {
          gaveUp++;
          logger.error('routing gave up', { requestId });
        }
        continue;
      }
      await sendToIntake(
        { requestId, provinceCode: item.provinceCode },
        item.version,
        (item.intakeResends ?? 0) + 1,
      );
      if (countResends) await recordIntakeResend(item);
      resentToIntake++;
    }
    // Uploads at filing (AWAITING_DOCUMENTS); an optional photo added while a fee waits
    // (AWAITING_PAYMENT keeps its own entry, which the bills need); later ones (PENDING_UPLOAD).
    for (const status of ['AWAITING_DOCUMENTS', 'AWAITING_PAYMENT', PENDING_UPLOAD_PARTITION]) {
      for (const requestId of await queryStaleByStatus(province, status, cutoff, uploadsSince)) {
        const item = await getRequest(requestId);
        for (const doc of item?.documents ?? []) {
          if (doc.status !== 'PENDING_UPLOAD' || !(await objectExists(doc.key))) continue;
          await sendDocumentEvent(documentsBucketName(), doc.key);
          uploadsResent++;
        }
      }
    }
  }
  if (options.includeRouted) {
    // ROUTED requests wait in their agency's open stage (byAgencyStage), read agency by agency.
    // The registry is loaded only here (a refill after local queues were emptied), not at every cold start.
    const { allAgencies } = await import('../data/agencies.ts');
    const served = new Set(options.provinces);
    // An agency serves one province, and a request always sits in its agency's province (a
    // forward across provinces moves it): only the served provinces' agencies are read.
    for (const agency of allAgencies().filter((a) => served.has(a.provinceCode))) {
      for (const requestId of await agencyRequestIdsInStatus(agency.id, 'ROUTED')) {
        const item = await getRequest(requestId);
        if (item?.status !== 'ROUTED' || !served.has(item.provinceCode) || item.updatedAt > cutoff) continue;
        await dispatchToAgency(item);
        resentToAgency++;
      }
    }
  }
  return { resentToIntake, resentToAgency, uploadsResent, gaveUp };
}
