import { presignDownload } from '../adapters/documents-bucket.ts';
import { deleteFromAgency, receiveFromAgency } from '../adapters/queues.ts';
import { getRequest, queryAgencyRequests } from '../adapters/requests-table.ts';
import { pauseClock, resumeClock } from '../domain/deadline-clock.ts';
import { AppError, notFound, validationFailed } from '../domain/errors.ts';
import { applyTransition, type LifecycleAction } from '../domain/lifecycle.ts';
import { toAgencyView } from '../domain/request.ts';
import { toBangkokIso } from '../domain/time.ts';
import { AgencyMessage } from '../schemas/messages.ts';
import type { AgencyRequestView, RequestItem, RequestStatus } from '../schemas/request.ts';
import { commitChange } from './commit.ts';
import { dispatchToAgency } from './dispatch.ts';
import { agencyRegistry, holidaySet } from './reference.ts';

export type AgencyAction = Extract<
  LifecycleAction,
  'accept' | 'request-info' | 'resume' | 'complete' | 'reject' | 'forward'
>;

/** Refuses a caller whose token names another agency, or an agency that does not exist. */
export function assertAgency(pathAgencyId: string, tokenAgencyId: string | undefined): void {
  if (!tokenAgencyId) throw new AppError(401, 'UNAUTHORIZED', 'An agency token is required.');
  if (tokenAgencyId !== pathAgencyId) {
    throw new AppError(403, 'FORBIDDEN', 'This token belongs to another agency.');
  }
  if (!agencyRegistry.agencyById(pathAgencyId)) throw notFound(`No agency "${pathAgencyId}".`);
}

/** A request the agency may act on: 404 if there is no such request, 403 if it is not theirs. */
async function loadAssigned(agencyId: string, requestId: string): Promise<RequestItem> {
  const item = /^[0-9a-f-]{36}$/.test(requestId) ? await getRequest(requestId) : undefined;
  if (!item) throw notFound('No such request.');
  if (item.agencyId !== agencyId)
    throw new AppError(403, 'FORBIDDEN', 'This request is not assigned to your agency.');
  return item;
}

/**
 * Long-polls the agency's queue and returns the requests waiting for it, each with the receipt
 * handle to pass back with the action. Messages about requests that have since moved on
 * (accepted, forwarded, cancelled) are deleted, not shown.
 */
export async function readInbox(agencyId: string, max: number, waitSeconds: number) {
  const messages = await receiveFromAgency(agencyId, max, waitSeconds);
  const items: Array<{ receiptHandle: string; kind: AgencyMessage['kind']; request: AgencyRequestView }> = [];
  for (const m of messages) {
    const parsed = AgencyMessage.safeParse(safeJson(m.body));
    const item = parsed.success ? await getRequest(parsed.data.requestId) : undefined;
    const current =
      parsed.success &&
      item &&
      (parsed.data.kind === 'escalation' || (item.agencyId === agencyId && item.status === 'ROUTED'));
    if (!parsed.success || !item || !current) {
      await deleteFromAgency(agencyId, m.receiptHandle);
      continue;
    }
    items.push({ receiptHandle: m.receiptHandle, kind: parsed.data.kind, request: toAgencyView(item) });
  }
  return { items };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface ActionInput {
  readonly action: AgencyAction;
  readonly note?: string;
  readonly toAgencyId?: string;
  readonly receiptHandle?: string;
}

/**
 * One agency action as one conditional write on the version read: two officers acting at once
 * cannot both win (the loser gets 409). A forward re-queues the request at the other agency.
 */
export async function actOnRequest(
  agencyId: string,
  requestId: string,
  input: ActionInput,
  now = new Date(),
) {
  const item = await loadAssigned(agencyId, requestId);
  let changes: Parameters<typeof applyTransition>[2] = {};
  let note = input.note;
  if (input.action === 'forward') {
    const to = input.toAgencyId ? agencyRegistry.agencyById(input.toAgencyId) : undefined;
    if (!input.toAgencyId)
      throw validationFailed([{ path: 'toAgencyId', message: 'is required to forward' }]);
    if (!to)
      throw validationFailed([{ path: 'toAgencyId', message: `unknown agency "${input.toAgencyId}"` }]);
    if (to.id === agencyId)
      throw validationFailed([{ path: 'toAgencyId', message: 'is already this agency' }]);
    if (!input.note?.trim())
      throw validationFailed([{ path: 'note', message: 'say why the request is forwarded' }]);
    changes = { agencyId: to.id };
    note = `Forwarded to ${to.id} (${to.nameEn}): ${input.note.trim()}`;
  }
  if (input.action === 'request-info') changes = pauseClock(now);
  if (input.action === 'resume') {
    changes = resumeClock(item, now, holidaySet);
    if (changes.dueAt !== item.dueAt)
      note = `${note ? `${note} — ` : ''}deadline moved to ${changes.dueAt} (clock paused)`;
  }
  const next = applyTransition(
    item,
    { action: input.action, actor: `agency:${agencyId}`, now, ...(note && { note }) },
    changes,
  );
  if (!(await commitChange(item, next))) {
    throw new AppError(
      409,
      'INVALID_TRANSITION',
      'The request changed meanwhile (another officer acted first). Reload it.',
    );
  }
  if (input.receiptHandle) {
    // The message has done its job; if the delete fails, the inbox drops it as stale later.
    await deleteFromAgency(agencyId, input.receiptHandle).catch(() => undefined);
  }
  if (input.action === 'forward') await dispatchToAgency(next);
  return toAgencyView(next);
}

/** One request assigned to the agency, in full. */
export async function showAgencyRequest(agencyId: string, requestId: string) {
  return toAgencyView(await loadAssigned(agencyId, requestId));
}

export async function listAgencyRequests(agencyId: string, status?: RequestStatus) {
  const items = await queryAgencyRequests(agencyId, status);
  return { items: items.map(toAgencyView) };
}

/** A short-lived link to a verified document of a request assigned to the agency. */
export async function documentLink(agencyId: string, requestId: string, documentId: string) {
  const item = await loadAssigned(agencyId, requestId);
  const doc = item.documents.find((d) => d.documentId === documentId);
  if (!doc) throw notFound('No such document.');
  if (doc.status !== 'VERIFIED') {
    throw new AppError(409, 'DOCUMENT_NOT_VERIFIED', `The document is ${doc.status} and cannot be served.`);
  }
  const expiresSeconds = 300;
  return {
    documentId,
    url: await presignDownload(doc.key, expiresSeconds),
    expiresAt: toBangkokIso(new Date(Date.now() + expiresSeconds * 1000)),
  };
}
