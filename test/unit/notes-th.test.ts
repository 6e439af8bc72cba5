import { describe, expect, it } from 'vitest';
import '../../shared/app/agency-names.ts';
import { agencyRegistry } from '../../shared/app/reference.ts';
import { judgeUpload } from '../../shared/domain/documents.ts';
import { noteTh, reasonTh, STATUS_LABELS } from '../../shared/domain/notes-th.ts';
import { routeRequest } from '../../shared/domain/routing.ts';
import { RequestStatus } from '../../shared/schemas/request.ts';

const thaiOnly = (text: string | undefined) => {
  expect(text).toBeDefined();
  // No English words of the template left (ids, numbers and officers' own words may remain).
  expect(text).not.toMatch(
    /\b(Routed|Filed|Forwarded|Billed|Paid|Payment|Overdue|Bill|deadline|waiting|fee)\b/,
  );
};

describe('Thai beside English', () => {
  it('labels every status in both languages', () => {
    for (const s of RequestStatus.options) {
      expect(STATUS_LABELS[s].th).toMatch(/[\u0E00-\u0E7F]/);
      expect(STATUS_LABELS[s].en).toMatch(/^[A-Z]/);
    }
  });

  it('reads every routing note in Thai, with the agency’s Thai name', () => {
    const empty = { agencyById: () => undefined, localBodyOfSubdistrict: () => undefined };
    const cases = [
      routeRequest({ agencyType: 'pao', provinceCode: '20' }, agencyRegistry),
      routeRequest({ agencyType: 'damrongdhama', provinceCode: '20' }, agencyRegistry),
      routeRequest({ agencyType: 'district', provinceCode: '20', districtCode: '2001' }, agencyRegistry),
      routeRequest({ agencyType: 'district', provinceCode: '20' }, agencyRegistry),
      routeRequest({ agencyType: 'local', provinceCode: '20', districtCode: '2001' }, agencyRegistry),
      routeRequest(
        { agencyType: 'local', provinceCode: '20', districtCode: '2001', subdistrictCode: '200101' },
        agencyRegistry,
      ),
      routeRequest({ agencyType: 'local', provinceCode: '20' }, agencyRegistry),
    ];
    for (const d of cases) thaiOnly(noteTh(d.note));
    expect(noteTh(cases[0]?.note ?? '')).toBe('ส่งถึง องค์การบริหารส่วนจังหวัดชลบุรี');
    // Unregistered agencies fall back to the centre, with the reason in Thai.
    const withCentreOnly = {
      ...empty,
      agencyById: (id: string) =>
        agencyRegistry.agencyById(id)?.id.startsWith('damrongdhama')
          ? agencyRegistry.agencyById(id)
          : undefined,
    };
    for (const type of ['pao', 'district', 'local'] as const) {
      const d = routeRequest({ agencyType: type, provinceCode: '20', districtCode: '2001' }, withCentreOnly);
      thaiOnly(noteTh(d.note));
    }
  });

  it('reads the notes the system writes at each step', () => {
    const samples = [
      'Filed',
      'Filed; waiting for 2 document(s)',
      'Filed; fee 1,234.57 THB due (bill PPX7L9X7G8PX)',
      'Filed at the counter of district-2001 by officer somchai for a walk-in citizen; waiting for 1 document(s)',
      'All required documents verified',
      'All required documents verified; fee 50.00 THB due (bill ABCDEFGHIJK1)',
      'Forwarded to district-2002 (Si Racha District Office): ไม่ใช่พื้นที่ — the request moves from province 20 to 21',
      'deadline moved to 2026-12-01T16:30:00.000+07:00 (clock paused)',
      'ได้รับเอกสารแล้ว — deadline moved to 2026-12-01T16:30:00.000+07:00 (clock paused)',
      'Billed 190,000.00 THB (bill 4ZC144AD9HWK, payable until 2026-11-30T23:59:59.999+07:00): ภาษีปี 2569',
      'Escalation acknowledged: กำลังเร่งรัด',
      'Full citizen ID revealed to officer somchai: ตรวจสอบตัวตน',
      'Cancelled by the citizen: ยื่นผิด',
      'Cancelled by the citizen',
      'Overdue: the deadline 2026-11-30T16:30:00.000+07:00 has passed; a copy went to damrongdhama-20',
      'Routing failed after 3 re-sends; operators alerted (intake DLQ)',
      'Payment of 1,000.00 THB (bank localbank, transaction LB1) for bill PPX7L9X7G8PX not applied: the amount paid differs from the bill; flagged for review by pao-20',
      'Paid 1,234.57 THB (bank localbank, transaction LB2); receipt PAO-20-2569-PPX7L9X7G8PX',
      'Bill PPX7L9X7G8PX expired unpaid; ask for a new one to pay',
      'New bill K7Q2M9XW4T1B issued for expired bill PPX7L9X7G8PX',
    ];
    for (const note of samples) thaiOnly(noteTh(note));
    expect(noteTh('Cancelled by the citizen: ยื่นผิด')).toBe('ผู้ยื่นยกเลิกคำขอ: ยื่นผิด');
    expect(
      noteTh(
        'Overdue: the deadline 2026-11-30T16:30:00.000+07:00 has passed; a copy went to damrongdhama-20',
      ),
    ).toContain('ศูนย์ดำรงธรรม');
    // An officer's own words are theirs: no made-up translation.
    expect(noteTh('ตรวจสอบแล้ว เอกสารครบ')).toBeUndefined();
    expect(noteTh('Checked on site')).toBeUndefined();
  });

  it('gives the verifier’s every rejection reason in Thai', () => {
    const doc = {
      documentId: 'd',
      type: 't',
      contentType: 'application/pdf' as const,
      sizeBytes: 10,
      status: 'PENDING_UPLOAD' as const,
      key: 'k',
      createdAt: '2026-11-23T10:00:00.000+07:00',
    };
    const rejected = [
      judgeUpload(doc, 100, { bytes: new Uint8Array() }),
      judgeUpload(doc, 5, { bytes: new Uint8Array(10) }),
      judgeUpload(doc, 100, { bytes: new Uint8Array(9) }),
      judgeUpload(doc, 100, { bytes: new TextEncoder().encode('<html>x</>') }),
      judgeUpload({ ...doc, sizeBytes: 12 }, 100, { bytes: new TextEncoder().encode('%PDF-1.4 abc') }),
      judgeUpload({ ...doc, contentType: 'image/png', sizeBytes: 8 }, 100, {
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      }),
    ];
    for (const v of rejected) {
      expect(v.status).toBe('REJECTED');
      if (v.status === 'REJECTED') expect(reasonTh(v.reason), v.reason).toMatch(/[\u0E00-\u0E7F]/);
    }
  });
});
