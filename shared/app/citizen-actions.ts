import { AppError } from '../domain/errors.ts';
import { applyTransition } from '../domain/lifecycle.ts';
import { toBangkokIso } from '../domain/time.ts';
import { toCitizenView } from '../domain/views.ts';
import type { CitizenRequestView } from '../schemas/request.ts';
import { commitChange } from './commit.ts';
import { loadOwnRequest } from './read-request.ts';

const concurrent = () =>
  new AppError(409, 'INVALID_TRANSITION', 'The request changed meanwhile. Reload it and try again.');

/** The citizen withdraws their request; allowed until an agency accepts it. */
export async function cancelOwnRequest(
  requestId: string,
  accessToken: string,
  reason: string | undefined,
  now = new Date(),
): Promise<CitizenRequestView> {
  const item = await loadOwnRequest(requestId, accessToken);
  const next = applyTransition(item, {
    action: 'cancel',
    actor: 'citizen',
    now,
    note: reason?.trim() ? `Cancelled by the citizen: ${reason.trim()}` : 'Cancelled by the citizen',
  });
  if (!(await commitChange(item, next))) throw concurrent();
  return toCitizenView(next);
}

/** Rates a finished request once (1–5). */
export async function rateOwnRequest(
  requestId: string,
  accessToken: string,
  rating: { score: number; comment?: string },
  now = new Date(),
) {
  const item = await loadOwnRequest(requestId, accessToken);
  if (item.status !== 'COMPLETED' && item.status !== 'REJECTED') {
    throw new AppError(
      409,
      'NOT_FINISHED',
      `Only a completed or rejected request can be rated; this one is ${item.status}.`,
    );
  }
  if (item.rating) throw new AppError(409, 'ALREADY_RATED', 'This request has already been rated.');
  const at = toBangkokIso(now);
  const next = {
    ...item,
    rating: { score: rating.score, ...(rating.comment?.trim() && { comment: rating.comment.trim() }), at },
    version: item.version + 1,
    updatedAt: at,
  };
  if (!(await commitChange(item, next))) throw concurrent();
  return { requestId, rating: next.rating };
}
