import { describe, expect, it } from 'vitest';
import {
  applyTransition,
  type LifecycleAction,
  nextStatus,
  TRANSITIONS,
  withNote,
  withProvinceStatus,
} from '../../shared/domain/lifecycle.ts';
import { publicChanges, publicStatusNote, toOpen311Update } from '../../shared/domain/open311.ts';
import type { RequestItem } from '../../shared/schemas/request.ts';
import { RequestStatus } from '../../shared/schemas/request.ts';

// The whole table of DESIGN.md §5, written out independently of the implementation.
const allowed: Record<string, RequestStatus> = {
  'AWAITING_DOCUMENTS documents-complete': 'SUBMITTED',
  'AWAITING_DOCUMENTS documents-complete-to-pay': 'AWAITING_PAYMENT',
  'AWAITING_DOCUMENTS cancel': 'CANCELLED',
  'AWAITING_PAYMENT paid': 'SUBMITTED',
  'AWAITING_PAYMENT paid-resume': 'IN_PROGRESS',
  'AWAITING_PAYMENT reject': 'REJECTED',
  'AWAITING_PAYMENT cancel': 'CANCELLED',
  'SUBMITTED route': 'ROUTED',
  'SUBMITTED cancel': 'CANCELLED',
  'ROUTED accept': 'IN_PROGRESS',
  'ROUTED reject': 'REJECTED',
  'ROUTED forward': 'ROUTED',
  'ROUTED cancel': 'CANCELLED',
  'IN_PROGRESS request-info': 'NEEDS_INFO',
  'IN_PROGRESS bill': 'AWAITING_PAYMENT',
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
    expect(checked).toBe(9 * 13);
    expect(Object.keys(allowed)).toHaveLength(20);
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
    provinceCode: '20',
    openProvince: '20',
    documents: [],
    updatedAt: '2026-11-23T10:00:00.000+07:00',
  } as unknown as RequestItem;

  const now = new Date('2026-11-24T03:00:00Z');

  it('refuses to cancel once any agency has accepted, even after a forward back to ROUTED', () => {
    const accepted = applyTransition(base, { action: 'accept', actor: 'agency:pao-20', now });
    expect(accepted.acceptedAt).toBe('2026-11-24T10:00:00.000+07:00');
    const forwarded = applyTransition(
      accepted,
      { action: 'forward', actor: 'agency:pao-20', now, note: 'x' },
      { agencyId: 'district-2001' },
    );
    expect(forwarded.status).toBe('ROUTED');
    expect(() => applyTransition(forwarded, { action: 'cancel', actor: 'citizen', now })).toThrow(
      /already accepted/,
    );
    // Before any acceptance a ROUTED request can still be cancelled.
    expect(applyTransition(base, { action: 'cancel', actor: 'citizen', now }).status).toBe('CANCELLED');
  });

  it('keeps the last room in the history for finishing moves', () => {
    const entry = base.history[0]!;
    const crowded = {
      ...base,
      status: 'IN_PROGRESS',
      history: Array.from({ length: 90 }, () => entry),
    } as RequestItem;
    expect(() =>
      applyTransition(crowded, { action: 'request-info', actor: 'agency:pao-20', now, note: 'x' }),
    ).toThrow(/can now only be completed, rejected or cancelled/);
    expect(
      applyTransition(crowded, { action: 'complete', actor: 'agency:pao-20', now }).history,
    ).toHaveLength(91);
    const full = { ...crowded, history: Array.from({ length: 100 }, () => entry) } as RequestItem;
    expect(() => applyTransition(full, { action: 'complete', actor: 'agency:pao-20', now })).toThrow(
      /HISTORY_FULL|steps/,
    );
  });

  it('closes pending upload slots when the request leaves the status that opened them', () => {
    const pending = {
      documentId: 'd',
      type: 't',
      status: 'PENDING_UPLOAD',
    } as RequestItem['documents'][number];
    const verified = { ...pending, documentId: 'v', status: 'VERIFIED' } as RequestItem['documents'][number];
    const waiting = { ...base, status: 'NEEDS_INFO', documents: [pending, verified] } as RequestItem;
    const resumed = applyTransition(waiting, { action: 'resume', actor: 'agency:pao-20', now });
    expect(resumed.documents.map((d) => d.documentId)).toEqual(['v']);
  });

  it('keeps a request with an upload under way past intake where the reconciler looks, and only then', () => {
    const pending = {
      documentId: 'd',
      type: 't',
      status: 'PENDING_UPLOAD',
    } as RequestItem['documents'][number];
    const photo = { ...pending, documentId: 'p', optional: true } as RequestItem['documents'][number];
    const waiting = { ...base, status: 'NEEDS_INFO', documents: [] } as unknown as RequestItem;
    expect(withProvinceStatus(waiting).provinceStatus).toBeUndefined();
    const uploading = withProvinceStatus({ ...waiting, documents: [pending] });
    expect(uploading.provinceStatus).toBe('20#PENDING_UPLOAD');
    // Judged: out of the index again.
    expect(
      withProvinceStatus({ ...uploading, documents: [{ ...pending, status: 'VERIFIED' }] }).provinceStatus,
    ).toBeUndefined();
    // Resumed: the slot closes, and the key goes with it.
    expect(
      'provinceStatus' in applyTransition(uploading, { action: 'resume', actor: 'agency:pao-20', now }),
    ).toBe(false);
    // An optional photo stays open until the request is finished, and so does the key.
    const withPhoto = withProvinceStatus({ ...waiting, documents: [photo] });
    const resumed = applyTransition(withPhoto, { action: 'resume', actor: 'agency:pao-20', now });
    expect(resumed.provinceStatus).toBe('20#PENDING_UPLOAD');
    const done = applyTransition(resumed, { action: 'complete', actor: 'agency:pao-20', now });
    expect('provinceStatus' in done).toBe(false);
    // Intake statuses keep their own key, whatever the documents.
    expect(
      withProvinceStatus({ ...waiting, status: 'AWAITING_DOCUMENTS', documents: [pending] }).provinceStatus,
    ).toBe('20#AWAITING_DOCUMENTS');
  });

  it('clears the routing-failed flag once the request is routed after all', () => {
    const flagged = {
      ...base,
      status: 'SUBMITTED',
      routingFailedAt: '2026-11-23T10:00:00.000+07:00',
      intakeResends: 3,
    } as RequestItem;
    const routed = applyTransition(
      flagged,
      { action: 'route', actor: 'system:router', now },
      { agencyId: 'pao-20' },
    );
    expect(routed.routingFailedAt).toBeUndefined();
    expect(routed.intakeResends).toBeUndefined();
  });

  it("moves a request's province, and its index keys, with a cross-province forward", () => {
    const next = applyTransition(
      base,
      { action: 'forward', actor: 'agency:pao-20', now, note: 'x' },
      { agencyId: 'pao-93', provinceCode: '93' },
    );
    expect(next.provinceCode).toBe('93');
    expect(next.openProvince).toBe('93');
    expect(next.agencyListKey).toBe(`open#${base.createdAt}`);
    // Routed requests are found through their agency's index, not by province and status.
    expect(next.provinceStatus).toBeUndefined();
  });

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
    // Open work keeps its agency-list key through status changes: only finishing moves it.
    expect(next.agencyListKey).toBe(`open#${base.createdAt}`);
    const done = applyTransition(next, {
      action: 'complete',
      actor: 'agency:pao-20',
      now: new Date('2026-11-25T03:00:00Z'),
    });
    expect(done.agencyListKey).toBe(`done#${base.createdAt}`);
    // Each step's public changes (Open311's change log), named by the history it started from.
    expect(publicChanges(next, base.history.length)).toEqual([
      { requestId: base.requestId, index: 1, status: 'IN_PROGRESS', at: '2026-11-24T10:00:00.000+07:00' },
    ]);
    const completed = publicChanges(done, next.history.length);
    expect(completed.map((c) => [c.index, c.status, c.at])).toEqual([
      [2, 'COMPLETED', '2026-11-25T10:00:00.000+07:00'],
    ]);
    // As Open311 shows it: a stable id, the public status, the standard words (nothing was published).
    expect(completed.map(toOpen311Update)).toEqual([
      {
        update_id: `${base.requestId}:2`,
        service_request_id: base.requestId,
        status: 'fixed',
        updated_datetime: '2026-11-25T10:00:00.000+07:00',
        description: publicStatusNote('COMPLETED'),
        media_url: null,
        external_status_code: 'COMPLETED',
      },
    ]);
    expect(publicChanges(done).map((c) => c.status)).toEqual(['IN_PROGRESS', 'COMPLETED']);
    // A step that keeps the public status (a note) adds none.
    expect(
      publicChanges(
        withNote(done, 'citizen', 'ขอบคุณ', new Date('2026-11-25T04:00:00Z')),
        done.history.length,
      ),
    ).toEqual([]);
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
