import { AppError } from '../domain/errors.ts';
import { applyTransition, withNote } from '../domain/lifecycle.ts';
import { LIMITS } from '../domain/limits.ts';
import { toBangkokIso } from '../domain/time.ts';
import { toCitizenView } from '../domain/views.ts';
import { logger } from '../observability.ts';
import type { CitizenRequestView } from '../schemas/request.ts';
import { commitChange } from './commit.ts';
import { dispatchToAgency } from './dispatch.ts';
import { loadOwnRequest } from './read-request.ts';
import type { CitizenCredential } from './session-check.ts';

const REPLIES_PER_REQUEST_FOR_INFO = 5;

const concurrent = () =>
  new AppError(409, 'INVALID_TRANSITION', 'The request changed meanwhile. Reload it and try again.');

/** The citizen withdraws their request; allowed until an agency accepts it. */
export async function cancelOwnRequest(
  requestId: string,
  credential: CitizenCredential,
  reason: string | undefined,
  now = new Date(),
): Promise<CitizenRequestView> {
  const item = await loadOwnRequest(requestId, credential);
  const next = applyTransition(item, {
    action: 'cancel',
    actor: 'citizen',
    now,
    note: reason?.trim() ? `Cancelled by the citizen: ${reason.trim()}` : 'Cancelled by the citizen',
  });
  if (!(await commitChange(item, next))) throw concurrent();
  return toCitizenView(next);
}

/**
 * The citizen answers a request for information (DESIGN.md §4): the answer goes on the record as
 * the citizen's, the status stays NEEDS_INFO (the officer resumes), and the agency's inbox gets a
 * `reply` message so the officer sees it without polling the list.
 */
export async function replyToRequest(
  requestId: string,
  credential: CitizenCredential,
  message: string,
  now = new Date(),
): Promise<CitizenRequestView> {
  const item = await loadOwnRequest(requestId, credential);
  if (item.status !== 'NEEDS_INFO') {
    throw new AppError(
      409,
      'INVALID_TRANSITION',
      `Only a request waiting for your information takes a reply; this one is ${item.status}.`,
    );
  }
  if (item.history.length >= LIMITS.historyEntriesBeforeFinish) {
    throw new AppError(409, 'HISTORY_FULL', 'This request has no room left in its history.');
  }
  // A few replies per request for information: the record's room is kept for the agency's steps.
  const asked = item.history.findLastIndex((h) => h.status === 'NEEDS_INFO' && h.actor.startsWith('agency:'));
  const replies = item.history.slice(asked + 1).filter((h) => h.actor === 'citizen').length;
  if (replies >= REPLIES_PER_REQUEST_FOR_INFO) {
    throw new AppError(
      409,
      'TOO_MANY_REPLIES',
      `At most ${REPLIES_PER_REQUEST_FOR_INFO} replies per request for information; the agency will answer first.`,
    );
  }
  const next = withNote(item, 'citizen', `Citizen replied: ${message}`, now);
  if (!(await commitChange(item, next))) throw concurrent();
  await dispatchToAgency(next, 'reply').catch((error: unknown) =>
    // The reply is on the record; the inbox copy is a convenience (the list shows NEEDS_INFO work).
    logger.warn('reply not sent to the agency inbox', { requestId, error: String(error) }),
  );
  return toCitizenView(next);
}

/** Rates a finished request once (1–5). */
export async function rateOwnRequest(
  requestId: string,
  credential: CitizenCredential,
  rating: { score: number; comment?: string },
  now = new Date(),
) {
  const item = await loadOwnRequest(requestId, credential);
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
