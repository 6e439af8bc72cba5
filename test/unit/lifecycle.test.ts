import { describe, expect, it } from 'vitest';
import {
  applyTransition,
  type LifecycleAction,
  nextStatus,
  TRANSITIONS,
} from '../../shared/domain/lifecycle.ts';
import type { RequestItem } from '../../shared/schemas/request.ts';
import { RequestStatus } from '../../shared/schemas/request.ts';

// The whole table of DESIGN.md §5, written out independently of the implementation.
const allowed: Record<string, RequestStatus> = {
  'AWAITING_DOCUMENTS documents-complete': 'SUBMITTED',
  'AWAITING_DOCUMENTS cancel': 'CANCELLED',
  'SUBMITTED route': 'ROUTED',
  'SUBMITTED cancel': 'CANCELLED',
  'ROUTED accept': 'IN_PROGRESS',
  'ROUTED reject': 'REJECTED',
  'ROUTED forward': 'ROUTED',
  'ROUTED cancel': 'CANCELLED',
  'IN_PROGRESS request-info': 'NEEDS_INFO',
  'IN_PROGRESS complete': 'COMPLETED',
  'IN_PROGRESS reject': 'REJECTED',
  'IN_PROGRESS forward': 'ROUTED',
  'NEEDS_INFO resume': 'IN_PROGRESS',
  'NEEDS_INFO reject': 'REJECTED',
};

const actions = Object.keys(TRANSITIONS) as LifecycleAction[];

describe('request lifecycle', () => {
  it('allows exactly the moves of DESIGN.md §5 and refuses every other', () => {
    let checked = 0;
    for (const status of RequestStatus.options) {
      for (const action of actions) {
        expect(nextStatus(status, action), `${status} ${action}`).toBe(allowed[`${status} ${action}`]);
        checked++;
      }
    }
    expect(checked).toBe(8 * 9);
    expect(Object.keys(allowed)).toHaveLength(14);
  });

  it('never moves a finished request', () => {
    for (const status of ['COMPLETED', 'REJECTED', 'CANCELLED'] as const) {
      for (const action of actions) expect(nextStatus(status, action)).toBeUndefined();
    }
  });

  const base = {
    requestId: 'r',
    status: 'ROUTED',
    agencyId: 'pao-20',
    version: 3,
    history: [{ at: '2026-11-23T10:00:00.000+07:00', status: 'SUBMITTED', actor: 'citizen' }],
    openProvince: '20',
    updatedAt: '2026-11-23T10:00:00.000+07:00',
  } as unknown as RequestItem;

  it('appends one history entry, bumps the version and keeps the index attributes in step', () => {
    const now = new Date('2026-11-24T03:00:00Z');
    const next = applyTransition(base, { action: 'accept', actor: 'agency:pao-20', now, note: 'รับเรื่อง' });
    expect(next.status).toBe('IN_PROGRESS');
    expect(next.version).toBe(4);
    expect(next.history).toHaveLength(2);
    expect(next.history[1]).toEqual({
      at: '2026-11-24T10:00:00.000+07:00',
      status: 'IN_PROGRESS',
      actor: 'agency:pao-20',
      note: 'รับเรื่อง',
    });
    expect(next.agencyStatusAt).toBe('IN_PROGRESS#2026-11-24T10:00:00.000+07:00');
    expect(next.openProvince).toBe('20');
    expect(base.history).toHaveLength(1); // the input is not mutated
  });

  it('drops a finished request from the open-by-deadline index', () => {
    const next = applyTransition(base, { action: 'reject', actor: 'agency:pao-20', now: new Date() });
    expect(next.status).toBe('REJECTED');
    expect(next.openProvince).toBeUndefined();
  });

  it('refuses an illegal move with 409 INVALID_TRANSITION', () => {
    expect(() =>
      applyTransition(base, { action: 'complete', actor: 'agency:pao-20', now: new Date() }),
    ).toThrow(expect.objectContaining({ status: 409, code: 'INVALID_TRANSITION' }));
  });
});
