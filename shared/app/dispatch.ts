import { sendToAgency, sendToIntake } from '../adapters/queues.ts';
import { logger, metrics } from '../observability.ts';
import type { AgencyMessage } from '../schemas/messages.ts';
import type { RequestItem } from '../schemas/request.ts';

/**
 * Queues a SUBMITTED request for routing after its write. A failed send is logged, not thrown:
 * the request is already safe in the table, and the reconciler re-sends whatever is still
 * SUBMITTED, so the citizen's 201 stands.
 */
export async function dispatchSubmitted(item: RequestItem): Promise<boolean> {
  try {
    await sendToIntake({ requestId: item.requestId, provinceCode: item.provinceCode }, item.version);
    return true;
  } catch (error) {
    logger.warn('intake send failed; the reconciler will re-send', {
      requestId: item.requestId,
      error: String(error),
    });
    metrics.addMetric('IntakeSendFailures', 'Count', 1);
    return false;
  }
}

/** Puts a ROUTED request in its agency's inbox. Throws, so a queue consumer retries it. */
export function dispatchToAgency(
  item: RequestItem,
  kind: AgencyMessage['kind'] = 'routed',
  attempt?: string,
): Promise<void> {
  if (!item.agencyId) throw new Error(`request ${item.requestId} has no agency to dispatch to`);
  return sendToAgency(
    { requestId: item.requestId, agencyId: item.agencyId, kind, version: item.version },
    attempt,
  );
}
