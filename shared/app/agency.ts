import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { openCitizenId } from '../adapters/citizen-id-vault.ts';
import { presignDownload } from '../adapters/documents-bucket.ts';
import { deleteFromAgency, receiveFromAgency, releaseAgencyMessage } from '../adapters/queues.ts';
import { getRequest, queryAgencyRequests, replaceRequest } from '../adapters/requests-table.ts';
import { getHashKey } from '../adapters/secrets.ts';
import { pauseClock, resumeClock } from '../domain/deadline-clock.ts';
import { AppError, notFound, validationFailed } from '../domain/errors.ts';
import { billedByAgency, landBuildingTax } from '../domain/fees.ts';
import {
  AGENCY_LIST_ORDER,
  applyTransition,
  FINAL_STATUSES,
  type LifecycleAction,
  type TransitionChanges,
  withNote,
} from '../domain/lifecycle.ts';
import { LIMITS } from '../domain/limits.ts';
import { formatBaht, satangFromBaht } from '../domain/money.ts';
import { bindReceiptHandle, unbindReceiptHandle } from '../domain/secure-tokens.ts';
import { toBangkokIso } from '../domain/time.ts';
import { toAgencyView } from '../domain/views.ts';
import { logger, metrics } from '../observability.ts';
import { schema } from '../schemas/define.ts';
import { AgencyMessage } from '../schemas/messages.ts';
import type { Bill, BillLine, LandBuildingAssessment } from '../schemas/payments.ts';
import type { AgencyListItem, AgencyRequestView, RequestItem, RequestStatus } from '../schemas/request.ts';
import { issueBill } from './billing.ts';
import { commitChange } from './commit.ts';
import { dispatchToAgency } from './dispatch.ts';
import { agencyRegistry, holidaySet, referenceData } from './reference.ts';

export type AgencyAction =
  | Extract<
      LifecycleAction,
      'accept' | 'request-info' | 'resume' | 'bill' | 'complete' | 'reject' | 'forward'
    >
  | 'acknowledge';

/** Decisions that end, move or hold up a citizen's request: each carries its reason on the record. */
const REASON_REQUIRED: ReadonlySet<AgencyAction> = new Set(['reject', 'request-info', 'forward', 'bill']);

/**
 * How long a message may be ahead of its request (sent before the write that makes it current,
 * as a forward does) before the inbox takes it for the trace of a write that failed.
 */
const AHEAD_GRACE_MS = 60_000;

const centreOf = (item: RequestItem) => `damrongdhama-${item.provinceCode}`;

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
 * Long-polls the agency's queue and returns the requests waiting for it, each with a receipt
 * handle bound to that request, to pass back with the action. Messages about requests that have
 * since moved on (accepted, forwarded, cancelled; escalations acknowledged) are deleted, not
 * shown; a message a moment ahead of its request's write is left for the next read.
 */
export async function readInbox(agencyId: string, max: number, waitSeconds: number, now = Date.now()) {
  const messages = await receiveFromAgency(agencyId, max, waitSeconds);
  const key = messages.length > 0 ? await getHashKey() : '';
  const items: Array<{ receiptHandle: string; kind: AgencyMessage['kind']; request: AgencyRequestView }> = [];
  for (const m of messages) {
    const parsed = AgencyMessage.safeParse(safeJson(m.body));
    const item = parsed.success ? await getRequest(parsed.data.requestId) : undefined;
    if (!parsed.success || !item) {
      await deleteFromAgency(agencyId, m.receiptHandle);
      continue;
    }
    const message = parsed.data;
    const current =
      message.kind === 'escalation'
        ? item.overdue === true &&
          !item.escalationAcknowledgedAt &&
          !FINAL_STATUSES.has(item.status) &&
          agencyId === centreOf(item) // a request forwarded to another province escalates there
        : message.kind === 'reply'
          ? item.agencyId === agencyId && item.status === 'NEEDS_INFO'
          : item.agencyId === agencyId && item.status === 'ROUTED';
    if (!current) {
      if (message.version > item.version && now - m.sentAt < AHEAD_GRACE_MS) {
        await releaseAgencyMessage(agencyId, m.receiptHandle, 5);
      } else {
        await deleteFromAgency(agencyId, m.receiptHandle);
      }
      continue;
    }
    items.push({
      receiptHandle: bindReceiptHandle(key, agencyId, item.requestId, m.receiptHandle),
      kind: message.kind,
      request: await toAgencyView(item),
    });
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
  /** Publish the note's words in public views. */
  readonly publish?: boolean;
  readonly toAgencyId?: string;
  readonly receiptHandle?: string;
  readonly amountThb?: number;
  readonly assessment?: LandBuildingAssessment;
}

/** The SQS handle inside a bound receipt handle, or a 400 when it was issued for another request. */
async function receiptHandleFor(agencyId: string, requestId: string, bound: string | undefined) {
  if (bound === undefined) return undefined;
  const handle = unbindReceiptHandle(await getHashKey(), agencyId, requestId, bound);
  if (!handle) {
    throw validationFailed([
      { path: 'receiptHandle', message: 'was not issued for this request by this inbox' },
    ]);
  }
  return handle;
}

const changedMeanwhile = () =>
  new AppError(
    409,
    'INVALID_TRANSITION',
    'The request changed meanwhile (another officer acted first). Reload it.',
  );

/** The forward's target, checked: known, another agency, and in a province this deployment serves. */
function forwardTarget(agencyId: string, item: RequestItem, input: ActionInput) {
  if (!input.toAgencyId) throw validationFailed([{ path: 'toAgencyId', message: 'is required to forward' }]);
  const to = agencyRegistry.agencyById(input.toAgencyId);
  if (!to) throw validationFailed([{ path: 'toAgencyId', message: `unknown agency "${input.toAgencyId}"` }]);
  if (to.id === agencyId) throw validationFailed([{ path: 'toAgencyId', message: 'is already this agency' }]);
  if (referenceData.isServed && !referenceData.isServed(to.provinceCode)) {
    throw validationFailed([
      {
        path: 'toAgencyId',
        message: `${to.id} is in province ${to.provinceCode}, which this deployment does not serve yet`,
      },
    ]);
  }
  const changes: TransitionChanges = { agencyId: to.id };
  let note = `Forwarded to ${to.id} (${to.nameEn}): ${input.note?.trim()}`;
  if (to.provinceCode !== item.provinceCode) {
    changes.provinceCode = to.provinceCode;
    // The old province's district and subdistrict no longer describe where it is handled.
    changes.districtCode = undefined;
    changes.subdistrictCode = undefined;
    note += ` — the request moves from province ${item.provinceCode} to ${to.provinceCode}`;
  }
  return { changes, note };
}

/**
 * One agency action as one conditional write on the version read: two officers acting at once
 * cannot both win (the loser gets 409). A forward puts the request in the other agency's inbox
 * first and only then records it, so a forward is either both queued and recorded, or (the
 * send failing) nothing at all; a message whose write then loses a race is dropped by the inbox.
 */
export async function actOnRequest(
  agencyId: string,
  requestId: string,
  input: ActionInput,
  now = new Date(),
) {
  if (input.action === 'acknowledge') return acknowledgeEscalation(agencyId, requestId, input, now);
  const item = await loadAssigned(agencyId, requestId);
  if (REASON_REQUIRED.has(input.action) && !input.note?.trim()) {
    throw validationFailed([
      { path: 'note', message: `give the reason to ${input.action} (it goes on the record)` },
    ]);
  }
  if (input.publish && !input.note?.trim()) {
    throw validationFailed([{ path: 'note', message: 'write the note to publish' }]);
  }
  // A forward's or a bill's note carries system text (the agency, the bill's references): not public.
  if (input.publish && (input.action === 'forward' || input.action === 'bill')) {
    throw validationFailed([{ path: 'publish', message: `a ${input.action} note is not published` }]);
  }
  const handle = await receiptHandleFor(agencyId, requestId, input.receiptHandle);
  let changes: TransitionChanges = {};
  let note = input.note?.trim() || undefined;
  if (input.action === 'forward') ({ changes, note } = forwardTarget(agencyId, item, input));
  if (input.action === 'request-info') changes = pauseClock(now);
  let bill: Bill | undefined;
  if (input.action === 'bill') {
    if (item.status !== 'IN_PROGRESS') {
      throw new AppError(409, 'INVALID_TRANSITION', `Cannot bill a request that is ${item.status}.`);
    }
    bill = await assessedBill(agencyId, item, input, now);
    changes = { ...pauseClock(now), bills: [...(item.bills ?? []), bill] };
    note = `Billed ${formatBaht(bill.amountSatang)} THB (bill ${bill.ref1}, payable until ${bill.expiresAt}): ${note}`;
  }
  if (input.action === 'resume') {
    changes = resumeClock(item, now, holidaySet());
    if (changes.dueAt !== item.dueAt)
      note = `${note ? `${note} — ` : ''}deadline moved to ${changes.dueAt} (clock paused)`;
  }
  const next = applyTransition(
    item,
    {
      action: input.action,
      actor: `agency:${agencyId}`,
      now,
      ...(note && { note }),
      ...(input.publish && { publish: true }),
    },
    changes,
  );
  if (input.action === 'forward') {
    try {
      await dispatchToAgency(next, 'routed', randomUUID());
    } catch {
      throw new AppError(
        503,
        'UNAVAILABLE',
        `The inbox of ${next.agencyId} could not be reached; nothing was changed. Try again.`,
      );
    }
  }
  if (!(await commitChange(item, next))) throw changedMeanwhile();
  if (handle) {
    // The message has done its job; if the delete fails, the inbox drops it as stale later.
    await deleteFromAgency(agencyId, handle).catch(() => undefined);
  }
  if (next.provinceCode !== item.provinceCode && next.overdue && !next.escalationAcknowledgedAt) {
    // An overdue request that moves province is escalated to its new province's centre.
    await dispatchToAgency({ ...next, agencyId: centreOf(next) }, 'escalation').catch((error: unknown) =>
      logger.warn('escalation to the new province not sent', { requestId, error: String(error) }),
    );
  }
  return toAgencyView(next);
}

/**
 * The province's Damrongdhama centre acknowledges an overdue escalation: a history entry (the
 * request's status and assignment do not change) and the escalation message deleted, so it is
 * neither shown again nor parked in the DLQ.
 */
async function acknowledgeEscalation(agencyId: string, requestId: string, input: ActionInput, now: Date) {
  const item = /^[0-9a-f-]{36}$/.test(requestId) ? await getRequest(requestId) : undefined;
  if (!item) throw notFound('No such request.');
  if (agencyId !== centreOf(item)) {
    throw new AppError(403, 'FORBIDDEN', "Only the province's Damrongdhama centre acknowledges escalations.");
  }
  if (!item.overdue) throw new AppError(409, 'NOT_ESCALATED', 'This request has not been escalated.');
  const handle = await receiptHandleFor(agencyId, requestId, input.receiptHandle);
  let next = item;
  if (!item.escalationAcknowledgedAt) {
    if (item.history.length >= LIMITS.historyEntries) {
      throw new AppError(409, 'HISTORY_FULL', 'This request has no room left in its history.');
    }
    const note = input.note?.trim();
    const noted = withNote(
      item,
      `agency:${agencyId}`,
      `Escalation acknowledged${note ? `: ${note}` : ''}`,
      now,
    );
    next = { ...noted, escalationAcknowledgedAt: noted.updatedAt };
    if (!(await replaceRequest(next, item.version))) throw changedMeanwhile();
  }
  if (handle) await deleteFromAgency(agencyId, handle).catch(() => undefined);
  return toAgencyView(next);
}

/**
 * The bill of the action `bill`: the amount the officer assessed, or the catalogue's formula over
 * the assessment they give (so the tax is the system's arithmetic, with its bands on the bill).
 */
async function assessedBill(agencyId: string, item: RequestItem, input: ActionInput, now: Date) {
  const service = referenceData.serviceByCode(item.serviceCode);
  if (!service || !billedByAgency(service)) {
    throw new AppError(
      409,
      'NO_FEE_TO_BILL',
      `The service ${item.serviceCode} has no fee an agency bills (${service?.fee.model ?? 'unknown'}).`,
    );
  }
  let quote: { amountSatang: number; lines: BillLine[] } | undefined;
  if (input.assessment) {
    if (service.fee.calc?.kind !== 'landBuildingTax') {
      throw validationFailed([
        {
          path: 'assessment',
          message: `service ${service.code} has no formula to price an assessment; give amountThb`,
        },
      ]);
    }
    const q = landBuildingTax(input.assessment);
    quote = { amountSatang: q.amountSatang, lines: [...q.lines] };
  } else if (input.amountThb !== undefined) {
    const amountSatang = satangFromBaht(input.amountThb);
    if (amountSatang === undefined) {
      throw validationFailed([{ path: 'amountThb', message: 'must be baht with at most two decimals' }]);
    }
    quote = { amountSatang, lines: [] };
  } else {
    throw validationFailed([
      {
        path: 'amountThb',
        message:
          service.fee.calc?.kind === 'landBuildingTax'
            ? 'give amountThb, or the assessment the tax is computed from'
            : 'is required to bill',
      },
    ]);
  }
  if (quote.amountSatang <= 0) {
    throw validationFailed([
      {
        path: input.assessment ? 'assessment' : 'amountThb',
        message: 'the amount due is zero: nothing to bill',
      },
    ]);
  }
  return issueBill(
    {
      kind: 'assessed',
      agencyId,
      amountSatang: quote.amountSatang,
      requestId: item.requestId,
      ...(input.note?.trim() && { reason: input.note.trim() }),
      ...(quote.lines.length > 0 && { lines: quote.lines }),
    },
    now,
  );
}

/**
 * An officer of the assigned agency reveals the applicant's full citizen ID, on purpose and with
 * a reason (a registrar checking identity for a house number). The reveal is written to the
 * request's history, with who and why, before the ID is returned; it is counted
 * (`CitizenIdRevealed`) and never logged. Everyone else keeps seeing the mask.
 */
export async function revealCitizenId(
  agencyId: string,
  requestId: string,
  officer: string,
  reason: string,
  now = new Date(),
) {
  const item = await loadAssigned(agencyId, requestId);
  const sealed = item.applicant.citizenIdSealed;
  if (!sealed) {
    throw new AppError(
      409,
      'CITIZEN_ID_NOT_KEPT',
      'This request was filed before full citizen IDs were kept; check the ID card in person.',
    );
  }
  if (item.history.length >= LIMITS.historyEntries) {
    throw new AppError(409, 'HISTORY_FULL', 'This request has no room left in its history.');
  }
  const citizenId = await openCitizenId(sealed);
  const next = withNote(
    item,
    `agency:${agencyId}`,
    `Full citizen ID revealed to officer ${officer}: ${reason}`,
    now,
  );
  const at = next.updatedAt;
  if (!(await replaceRequest(next, item.version))) throw changedMeanwhile();
  metrics.addMetric('CitizenIdRevealed', 'Count', 1);
  logger.info('citizen ID revealed', { requestId, agencyId, officer });
  return { requestId, citizenId, revealedAt: at, revealedTo: officer };
}

/**
 * A request the agency may read: assigned to it, or handled by it before (it accepted, asked,
 * billed or forwarded it: it is on the history), so a forwarder can still follow what it passed on.
 */
async function loadReadable(agencyId: string, requestId: string): Promise<RequestItem> {
  const item = /^[0-9a-f-]{36}$/.test(requestId) ? await getRequest(requestId) : undefined;
  if (!item) throw notFound('No such request.');
  const handled = item.history.some((h) => h.actor === `agency:${agencyId}`);
  if (item.agencyId !== agencyId && !handled) {
    throw new AppError(
      403,
      'FORBIDDEN',
      'This request is not assigned to your agency, and your agency never handled it.',
    );
  }
  return item;
}

/** One request the agency may read, in full; `readOnly` when another agency holds it now. */
export async function showAgencyRequest(agencyId: string, requestId: string) {
  const item = await loadReadable(agencyId, requestId);
  return { ...(await toAgencyView(item)), ...(item.agencyId !== agencyId && { readOnly: true }) };
}

/** Where a list page stopped: the agency, which status of the walk, and DynamoDB's key in it. */
const ListCursor = /* @__PURE__ */ schema(() =>
  z.strictObject({
    a: z.string(),
    s: z.int().check(z.minimum(0), z.maximum(AGENCY_LIST_ORDER.length)),
    k: z.optional(
      z.strictObject({ pk: z.string(), sk: z.string(), agencyId: z.string(), agencyListKey: z.string() }),
    ),
  }),
);

export interface ListOptions {
  readonly status?: RequestStatus;
  readonly serviceCode?: string;
  readonly overdue?: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * The agency's requests as list lines (what the byAgency index carries), newest filed first
 * within each status; without a status, open work comes before finished work, so finished
 * requests never push open ones off the page. `next` continues; `show` gives the whole case.
 */
/** Index reads one list call makes at most (a page may come back short; `next` carries on). */
const MAX_LIST_READS = 8;

export async function listAgencyRequests(agencyId: string, options: ListOptions) {
  const statuses = options.status ? [options.status] : AGENCY_LIST_ORDER;
  let at = 0;
  let startKey: Record<string, unknown> | undefined;
  if (options.cursor) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(options.cursor, 'base64url').toString('utf8'));
    } catch {
      decoded = undefined;
    }
    const parsed = ListCursor.safeParse(decoded);
    if (!parsed.success || parsed.data.a !== agencyId || parsed.data.s >= statuses.length) {
      throw validationFailed([{ path: 'cursor', message: 'is not a cursor this list gave out' }]);
    }
    at = parsed.data.s;
    startKey = parsed.data.k;
  }
  const items: AgencyListItem[] = [];
  let next: z.infer<typeof ListCursor> | undefined;
  // A status's stage is read in pages filtered on the status, so a page can come back short:
  // read on (a few pages at most per call) until the list is full or the statuses are walked.
  let reads = 0;
  walk: for (; at < statuses.length; at++) {
    do {
      const page = await queryAgencyRequests(agencyId, statuses[at] as string, {
        limit: options.limit - items.length,
        ...(startKey && { startKey }),
        ...(options.serviceCode !== undefined && { serviceCode: options.serviceCode }),
        ...(options.overdue !== undefined && { overdue: options.overdue }),
      });
      reads++;
      items.push(...page.items);
      startKey = page.next;
      if (startKey && (items.length >= options.limit || reads >= MAX_LIST_READS)) {
        next = { a: agencyId, s: at, k: startKey as NonNullable<z.infer<typeof ListCursor>['k']> };
        break walk;
      }
    } while (startKey);
    if (items.length >= options.limit) {
      if (at + 1 < statuses.length) next = { a: agencyId, s: at + 1 };
      break;
    }
  }
  return {
    items,
    ...(next && { next: Buffer.from(JSON.stringify(next)).toString('base64url') }),
  };
}

/** A short-lived link to a verified document of a request assigned to the agency. */
export async function documentLink(agencyId: string, requestId: string, documentId: string) {
  const item = await loadReadable(agencyId, requestId);
  const doc = item.documents.find((d) => d.documentId === documentId);
  if (!doc) throw notFound('No such document.');
  if (doc.status !== 'VERIFIED' || !doc.verifiedKey) {
    throw new AppError(409, 'DOCUMENT_NOT_VERIFIED', `The document is ${doc.status} and cannot be served.`);
  }
  const expiresSeconds = 300;
  return {
    documentId,
    // Only the verifier's copy: exactly the bytes it judged, whatever was uploaded to the slot later.
    url: await presignDownload(doc.verifiedKey, expiresSeconds),
    expiresAt: toBangkokIso(new Date(Date.now() + expiresSeconds * 1000)),
  };
}
