import { sendToAgency } from '../adapters/queues.ts';
import { getRequest, queryOverdue } from '../adapters/requests-table.ts';
import { CLOCK_STOPPED, FINAL_STATUSES } from '../domain/lifecycle.ts';
import { toBangkokIso } from '../domain/time.ts';
import type { RequestItem } from '../schemas/request.ts';
import { commitChange } from './commit.ts';

export interface SweepResult {
  readonly escalated: number;
  readonly skipped: number;
}

/**
 * Finds the requests whose deadline has passed unfinished — a query on the openByDeadline
 * index, never a scan — flags each `overdue` with a history entry, and sends one copy to the
 * province's Damrongdhama centre. A flagged request leaves the index, so it is escalated once.
 * Requests waiting on the citizen (NEEDS_INFO, AWAITING_PAYMENT: clock stopped) are left alone.
 */
export async function sweepOverdue(provinces: readonly string[], now = new Date()): Promise<SweepResult> {
  const nowIso = toBangkokIso(now);
  let escalated = 0;
  let skipped = 0;
  for (const province of provinces) {
    for (const requestId of await queryOverdue(province, nowIso)) {
      const item = await getRequest(requestId);
      if (
        !item ||
        item.overdue ||
        FINAL_STATUSES.has(item.status) ||
        CLOCK_STOPPED.has(item.status) ||
        item.dueAt >= nowIso
      ) {
        skipped++;
        continue;
      }
      const centre = `damrongdhama-${item.provinceCode}`;
      const next: RequestItem = {
        ...item,
        overdue: true,
        version: item.version + 1,
        updatedAt: nowIso,
        history: [
          ...item.history,
          {
            at: nowIso,
            status: item.status,
            actor: 'system:sla-sweeper',
            note: `Overdue: the deadline ${item.dueAt} has passed; a copy went to ${centre}`,
          },
        ],
      };
      delete next.openProvince;
      // The copy first: if the write then loses a race, the next sweep retries and SQS drops the duplicate.
      await sendToAgency({ requestId, agencyId: centre, kind: 'escalation', version: next.version });
      if (await commitChange(item, next)) escalated++;
      else skipped++;
    }
  }
  return { escalated, skipped };
}
