import type { RequestItem, RequestStatus } from '../schemas/request.ts';
import { AppError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { toBangkokIso } from './time.ts';

/** Everything that can happen to a request, and who may do it. */
export type LifecycleAction =
  | 'documents-complete'
  | 'documents-complete-to-pay'
  | 'bill'
  | 'paid'
  | 'paid-resume'
  | 'route'
  | 'accept'
  | 'request-info'
  | 'resume'
  | 'complete'
  | 'reject'
  | 'forward'
  | 'cancel';

interface Transition {
  readonly from: readonly RequestStatus[];
  readonly to: RequestStatus;
}

/**
 * DESIGN.md §5: AWAITING_DOCUMENTS → AWAITING_PAYMENT → SUBMITTED → ROUTED → IN_PROGRESS ⇄
 * NEEDS_INFO → COMPLETED | REJECTED. AWAITING_PAYMENT comes at filing only when the fee is known
 * then (paid → SUBMITTED); an agency's `bill` moves IN_PROGRESS there too (paid → IN_PROGRESS).
 * CANCELLED by the citizen before acceptance; forward sends a ROUTED or IN_PROGRESS request back
 * to ROUTED at another agency. Nothing else is allowed.
 */
export const TRANSITIONS: Readonly<Record<LifecycleAction, Transition>> = {
  'documents-complete': { from: ['AWAITING_DOCUMENTS'], to: 'SUBMITTED' },
  'documents-complete-to-pay': { from: ['AWAITING_DOCUMENTS'], to: 'AWAITING_PAYMENT' },
  bill: { from: ['IN_PROGRESS'], to: 'AWAITING_PAYMENT' },
  paid: { from: ['AWAITING_PAYMENT'], to: 'SUBMITTED' },
  'paid-resume': { from: ['AWAITING_PAYMENT'], to: 'IN_PROGRESS' },
  route: { from: ['SUBMITTED'], to: 'ROUTED' },
  accept: { from: ['ROUTED'], to: 'IN_PROGRESS' },
  'request-info': { from: ['IN_PROGRESS'], to: 'NEEDS_INFO' },
  resume: { from: ['NEEDS_INFO'], to: 'IN_PROGRESS' },
  complete: { from: ['IN_PROGRESS'], to: 'COMPLETED' },
  reject: { from: ['ROUTED', 'IN_PROGRESS', 'NEEDS_INFO', 'AWAITING_PAYMENT'], to: 'REJECTED' },
  forward: { from: ['ROUTED', 'IN_PROGRESS'], to: 'ROUTED' },
  cancel: { from: ['AWAITING_DOCUMENTS', 'AWAITING_PAYMENT', 'SUBMITTED', 'ROUTED'], to: 'CANCELLED' },
};

/** The status `action` leads to from `current`, or undefined when the move is not allowed. */
export function nextStatus(current: RequestStatus, action: LifecycleAction): RequestStatus | undefined {
  const t = TRANSITIONS[action];
  return t.from.includes(current) ? t.to : undefined;
}

/** Actions that finish a request: always allowed room in the history. */
const FINISHING: ReadonlySet<LifecycleAction> = new Set(['complete', 'reject', 'cancel']);

/** Statuses in which the citizen may upload documents; a slot opened in one closes when the request leaves it. */
const UPLOAD_STATUSES: ReadonlySet<RequestStatus> = new Set(['AWAITING_DOCUMENTS', 'NEEDS_INFO']);

/** Statuses in which the deadline clock stops: the agency waits on the citizen (DESIGN.md §5). */
/**
 * A history entry that changes no status (a reveal, an acknowledgement, a citizen's reply): the
 * record moves on a version, with who said what and when.
 */
export function withNote(item: RequestItem, actor: string, note: string, now: Date): RequestItem {
  const at = toBangkokIso(now);
  return {
    ...item,
    version: item.version + 1,
    updatedAt: at,
    history: [...item.history, { at, status: item.status, actor, note }],
  };
}

/** The order an agency's unfiltered list walks the statuses in: the work waiting first, then the finished. */
export const AGENCY_LIST_ORDER: readonly RequestStatus[] = [
  'ROUTED',
  'IN_PROGRESS',
  'NEEDS_INFO',
  'AWAITING_PAYMENT',
  'COMPLETED',
  'REJECTED',
  'CANCELLED',
];

/**
 * The statuses the byProvinceStatus index keeps: the ones looked for by status before a request
 * reaches an agency (the reconciler's stuck requests, expired bills, the intake statistics).
 * A request leaves the index when it is routed, so routing deletes an entry instead of moving it
 * and the steps an agency takes never touch it; ROUTED requests are found through the agency
 * index (byAgencyStage).
 */
export const INDEXED_STATUSES: ReadonlySet<RequestStatus> = new Set([
  'AWAITING_DOCUMENTS',
  'AWAITING_PAYMENT',
  'SUBMITTED',
]);

/** The byAgency sort key: open work apart from finished, newest filing last. */
export const agencyListKey = (status: RequestStatus, createdAt: string) =>
  `${FINAL_STATUSES.has(status) ? 'done' : 'open'}#${createdAt}`;

/**
 * The byProvinceStatus partition (after `<province>#`) of a request past intake with an upload
 * under way (a reply's document in NEEDS_INFO, a photo added later): the reconciler's only way
 * to find one whose S3 notification was lost. A request leaves it when the verifier has judged
 * its last pending upload, or when it moves on and the slot closes.
 */
export const PENDING_UPLOAD_PARTITION = 'PENDING_UPLOAD';

/** The byProvinceStatus key of a request, or undefined when the index does not keep it. */
export function provinceStatusKey(
  provinceCode: string,
  status: RequestStatus,
  documents: readonly { readonly status: string }[] = [],
): string | undefined {
  if (INDEXED_STATUSES.has(status)) return `${provinceCode}#${status}`;
  if (!FINAL_STATUSES.has(status) && documents.some((d) => d.status === 'PENDING_UPLOAD'))
    return `${provinceCode}#${PENDING_UPLOAD_PARTITION}`;
  return undefined;
}

/** The item with its byProvinceStatus key as its status and documents make it (removed when none). */
export function withProvinceStatus(item: RequestItem): RequestItem {
  const { provinceStatus: _previous, ...rest } = item;
  const key = provinceStatusKey(item.provinceCode, item.status, item.documents);
  return key ? { ...rest, provinceStatus: key } : rest;
}

export const CLOCK_STOPPED: ReadonlySet<RequestStatus> = new Set(['NEEDS_INFO', 'AWAITING_PAYMENT']);

/**
 * A status as the public sees it through Open311: mySociety's extended statuses (the ones
 * FixMyStreet understands). Several OSS statuses read the same ("open"); only a change of this
 * value is a public status change.
 */
export const PUBLIC_STATUS: Readonly<Record<RequestStatus, string>> = {
  AWAITING_DOCUMENTS: 'open',
  AWAITING_PAYMENT: 'open',
  SUBMITTED: 'open',
  ROUTED: 'open',
  IN_PROGRESS: 'in_progress',
  NEEDS_INFO: 'investigating',
  COMPLETED: 'fixed',
  REJECTED: 'no_further_action',
  CANCELLED: 'closed',
};

/** Statuses after which nothing more happens to a request. */
export const FINAL_STATUSES: ReadonlySet<RequestStatus> = new Set(['COMPLETED', 'REJECTED', 'CANCELLED']);

export interface TransitionInput {
  readonly action: LifecycleAction;
  readonly actor: string;
  readonly now: Date;
  readonly note?: string;
  /** The officer publishes the note (public views show its words). */
  readonly publish?: boolean;
}

/**
 * The item after `action`, or a 409 when the lifecycle does not allow it: status moved, the
 * history entry appended, version bumped, and the index attributes kept in step (an agency's
 * list by status; the open-by-deadline index loses finished requests).
 */
export type TransitionChanges = Partial<
  Pick<
    RequestItem,
    | 'agencyId'
    | 'documents'
    | 'bills'
    | 'dueAt'
    | 'clockPausedAt'
    | 'provinceCode'
    | 'openProvince'
    | 'districtCode'
    | 'subdistrictCode'
  >
>;

export function applyTransition(
  item: RequestItem,
  input: TransitionInput,
  changes: TransitionChanges = {},
): RequestItem {
  const to = nextStatus(item.status, input.action);
  if (!to) {
    throw new AppError(409, 'INVALID_TRANSITION', `Cannot ${input.action} a request that is ${item.status}.`);
  }
  if (input.action === 'cancel' && item.acceptedAt) {
    throw new AppError(
      409,
      'INVALID_TRANSITION',
      'An agency has already accepted this request, so it can no longer be cancelled.',
    );
  }
  const room = FINISHING.has(input.action) ? LIMITS.historyEntries : LIMITS.historyEntriesBeforeFinish;
  if (item.history.length >= room) {
    throw new AppError(
      409,
      'HISTORY_FULL',
      `This request has had ${item.history.length} steps; it can now only be completed, rejected or cancelled.`,
    );
  }
  const at = toBangkokIso(input.now);
  const provinceCode = changes.provinceCode ?? item.provinceCode;
  const next: RequestItem = {
    ...item,
    ...changes,
    status: to,
    updatedAt: at,
    version: item.version + 1,
    history: [
      ...item.history,
      {
        at,
        status: to,
        actor: input.actor,
        ...(input.note && { note: input.note }),
        ...(input.publish && input.note && { public: true }),
      },
    ],
  };
  if (input.action === 'accept' && !item.acceptedAt) next.acceptedAt = at;
  // Changes given as undefined remove the attribute (a cross-province forward drops the district).
  for (const [k, v] of Object.entries(changes))
    if (v === undefined) delete (next as Record<string, unknown>)[k];
  // Routed after all (a redrive after a fix): the routing-failed flag and re-send count go.
  if (input.action === 'route') {
    delete next.routingFailedAt;
    delete next.intakeResends;
  }
  if (FINAL_STATUSES.has(to)) delete next.openProvince;
  else if (next.openProvince !== undefined) next.openProvince = provinceCode;
  if (!CLOCK_STOPPED.has(to) && !('clockPausedAt' in changes)) delete next.clockPausedAt;
  // A bill can no longer be paid once its request is finished: a late payment is flagged for a refund.
  if (FINAL_STATUSES.has(to) && next.bills) {
    next.bills = next.bills.map((b) =>
      b.status === 'ISSUED' || b.status === 'FLAGGED' ? { ...b, status: 'VOID' as const } : b,
    );
  }
  if (next.agencyId) next.agencyListKey = agencyListKey(to, next.createdAt);
  // Upload slots die with the status that opened them: a pending upload cannot land later.
  // Optional documents (a complaint's photos) stay open until the request is finished.
  const leavingUploads = UPLOAD_STATUSES.has(item.status) && !UPLOAD_STATUSES.has(to);
  if (leavingUploads || FINAL_STATUSES.has(to)) {
    next.documents = next.documents.filter(
      (d) => d.status !== 'PENDING_UPLOAD' || (d.optional === true && !FINAL_STATUSES.has(to)),
    );
  }
  return withProvinceStatus(next);
}
