import { replaceRequest } from '../adapters/requests-table.ts';
import type { RequestItem } from '../schemas/request.ts';

/**
 * Writes a request's next state, conditional on the version read: one write per transition. The
 * statistics counters follow from the table's stream (functions/stats-counter, summed per batch),
 * not from a second write here.
 */
export function commitChange(prev: RequestItem, next: RequestItem): Promise<boolean> {
  return replaceRequest(next, prev.version);
}
