import type { RequestStatus } from '../schemas/request.ts';

/** Everything that can happen to a request, and who may do it. */
export type LifecycleAction =
  | 'documents-complete'
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
 * DESIGN.md §5: AWAITING_DOCUMENTS → SUBMITTED → ROUTED → IN_PROGRESS ⇄ NEEDS_INFO →
 * COMPLETED | REJECTED; CANCELLED by the citizen before acceptance; forward sends a ROUTED or
 * IN_PROGRESS request back to ROUTED at another agency. Nothing else is allowed.
 */
export const TRANSITIONS: Readonly<Record<LifecycleAction, Transition>> = {
  'documents-complete': { from: ['AWAITING_DOCUMENTS'], to: 'SUBMITTED' },
  route: { from: ['SUBMITTED'], to: 'ROUTED' },
  accept: { from: ['ROUTED'], to: 'IN_PROGRESS' },
  'request-info': { from: ['IN_PROGRESS'], to: 'NEEDS_INFO' },
  resume: { from: ['NEEDS_INFO'], to: 'IN_PROGRESS' },
  complete: { from: ['IN_PROGRESS'], to: 'COMPLETED' },
  reject: { from: ['ROUTED', 'IN_PROGRESS', 'NEEDS_INFO'], to: 'REJECTED' },
  forward: { from: ['ROUTED', 'IN_PROGRESS'], to: 'ROUTED' },
  cancel: { from: ['AWAITING_DOCUMENTS', 'SUBMITTED', 'ROUTED'], to: 'CANCELLED' },
};

/** The status `action` leads to from `current`, or undefined when the move is not allowed. */
export function nextStatus(current: RequestStatus, action: LifecycleAction): RequestStatus | undefined {
  const t = TRANSITIONS[action];
  return t.from.includes(current) ? t.to : undefined;
}
