import { describe, expect, it } from 'vitest';
import { services } from '../../shared/data/catalogue.ts';
import { checkBankSignature, signBankMessage } from '../../shared/domain/bank-signature.ts';
import { bahtTextTh, qrPayloadOf } from '../../shared/domain/bill-render.ts';
import {
  billExpiry,
  checkCharacter,
  hasValidCheck,
  newBill,
  newRef1,
  ref2For,
  settle,
} from '../../shared/domain/bills.ts';
import { billedByAgency, feeDueAtFiling, filingFee, landBuildingTax } from '../../shared/domain/fees.ts';
import { applyTransition } from '../../shared/domain/lifecycle.ts';
import { satangFromBaht } from '../../shared/domain/money.ts';
import { billDeltas } from '../../shared/domain/stats.ts';
import type { Bill } from '../../shared/schemas/payments.ts';
import type { RequestItem } from '../../shared/schemas/request.ts';

const service = (code: string) => {
  const s = services.find((x) => x.code === code);
  if (!s) throw new Error(code);
  return s;
};

describe('money in satang', () => {
  it('takes baht with at most two decimals, exactly, and nothing else', () => {
    expect(satangFromBaht(1234.57)).toBe(123457);
    expect(satangFromBaht('1234.5')).toBe(123450);
    expect(satangFromBaht(0.1 + 0.2)).toBeUndefined(); // 0.30000000000000004: not silently rounded
    expect(satangFromBaht(1.005)).toBeUndefined();
    expect(satangFromBaht(19.99)).toBe(1999);
    expect(satangFromBaht(1e21)).toBeUndefined();
    expect(satangFromBaht(-1)).toBeUndefined();
    expect(satangFromBaht('1e3')).toBeUndefined();
    expect(satangFromBaht(Number.NaN)).toBeUndefined();
  });

  it('writes amounts in Thai words as receipts do', () => {
    expect(bahtTextTh(100)).toBe('หนึ่งบาทถ้วน');
    expect(bahtTextTh(2_100_000_00)).toBe('สองล้านหนึ่งแสนบาทถ้วน');
    expect(bahtTextTh(2125)).toBe('ยี่สิบเอ็ดบาทยี่สิบห้าสตางค์');
  });
});

describe('fees from the catalogue', () => {
  it('bills the hotel levy at filing: 1 % of the room revenue, rounded half up to the satang', () => {
    const hotel = service('hotel-fee-pao');
    expect(feeDueAtFiling(hotel)).toBe(true);
    expect(filingFee(hotel, { roomRevenueThb: 123_456.78 })?.amountSatang).toBe(123457);
    expect(filingFee(hotel, { roomRevenueThb: 50.5 })?.amountSatang).toBe(51); // 0.505 → 0.51
    expect(filingFee(hotel, { roomRevenueThb: 0.49 })).toBeUndefined(); // rounds to zero: nothing due
    expect(filingFee(hotel, { roomRevenueThb: 10_000_000_000 })?.amountSatang).toBe(10_000_000_000);
  });

  it('bills a fixed fee at filing and leaves assessed fees to the agency', () => {
    const registration = service('commercial-registration-new');
    expect(filingFee(registration, {})?.amountSatang).toBe(5000);
    expect(feeDueAtFiling(service('complaint'))).toBe(false);
    expect(filingFee(service('complaint'), {})).toBeUndefined();
    expect(billedByAgency(service('land-building-tax'))).toBe(true);
    expect(billedByAgency(service('building-permit'))).toBe(true);
    expect(billedByAgency(service('complaint'))).toBe(false);
    expect(billedByAgency(service('hotel-fee-pao'))).toBe(false);
  });

  it('prices land and building tax in progressive bands by use', () => {
    // 50 M at 0.3 % + 10 M at 0.4 %.
    expect(landBuildingTax({ appraisedValueThb: 60e6, use: 'other' }).amountSatang).toBe(190_000_00);
    // Agricultural: 75 M at 0.01 % + 25 M at 0.03 % + 20 M at 0.05 %.
    expect(landBuildingTax({ appraisedValueThb: 120e6, use: 'agricultural' }).amountSatang).toBe(
      7_500_00 + 7_500_00 + 10_000_00,
    );
    // Residential, not a main residence: 2 M at 0.02 %.
    expect(landBuildingTax({ appraisedValueThb: 2e6, use: 'residential' }).amountSatang).toBe(400_00);
    // A main residence with its land is exempt up to 50 M: 60 M pays 10 M at 0.03 %.
    const home = landBuildingTax({
      appraisedValueThb: 60e6,
      use: 'residential',
      mainResidence: 'land-and-building',
    });
    expect(home.amountSatang).toBe(3_000_00);
    expect(home.lines[0]?.amountSatang).toBe(0);
    expect(
      landBuildingTax({ appraisedValueThb: 4e6, use: 'residential', mainResidence: 'land-and-building' })
        .amountSatang,
    ).toBe(0);
    // Vacant nine years: 0.3 % + 3 × 0.3 % = 1.2 % on the first band; never above 3 %.
    expect(landBuildingTax({ appraisedValueThb: 1e6, use: 'vacant', vacantYears: 9 }).amountSatang).toBe(
      12_000_00,
    );
    expect(landBuildingTax({ appraisedValueThb: 1e6, use: 'vacant', vacantYears: 90 }).amountSatang).toBe(
      30_000_00,
    );
    // Lines add up to the total.
    const big = landBuildingTax({ appraisedValueThb: 7_654_321_098.76, use: 'other' });
    expect(big.lines.reduce((s, l) => s + l.amountSatang, 0)).toBe(big.amountSatang);
    expect(big.lines).toHaveLength(5);
  });
});

describe('bank references', () => {
  it('carry a check character that catches every single-character error', () => {
    const ref = newRef1();
    expect(ref).toMatch(/^[A-Z0-9]{12}$/);
    expect(hasValidCheck(ref)).toBe(true);
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < ref.length; i++) {
      for (const c of alphabet) {
        if (c === ref[i]) continue;
        expect(hasValidCheck(ref.slice(0, i) + c + ref.slice(i + 1))).toBe(false);
      }
    }
    expect(checkCharacter('')).toMatch(/^[0-9A-Z]$/);
    expect(() => checkCharacter('a')).toThrow();
  });

  it('derive ref2 from the request id, within the 20 characters of tag 30', () => {
    const ref2 = ref2For('a7581276-4237-4f77-9bd1-264727a196ad');
    expect(ref2).toBe(`A758127642374F77${checkCharacter('A758127642374F77')}`);
    expect(hasValidCheck(ref2)).toBe(true);
  });

  it('expire at the end of the seventh day in Bangkok', () => {
    expect(billExpiry(new Date('2026-11-23T20:00:00Z'))).toBe('2026-12-01T23:59:59.999+07:00');
  });
});

const baseItem = (): RequestItem => ({
  pk: 'REQUEST#r',
  sk: 'REQUEST',
  requestId: 'a7581276-4237-4f77-9bd1-264727a196ad',
  serviceCode: 'hotel-fee-pao',
  provinceCode: '20',
  status: 'AWAITING_PAYMENT',
  applicant: { citizenIdHash: 'h', citizenIdMasked: 'x', firstName: 'a', lastName: 'b' },
  details: {},
  documents: [],
  history: [{ at: '2026-11-23T10:00:00.000+07:00', status: 'AWAITING_PAYMENT', actor: 'citizen' }],
  createdAt: '2026-11-23T10:00:00.000+07:00',
  updatedAt: '2026-11-23T10:00:00.000+07:00',
  dueAt: '2026-11-30T16:30:00.000+07:00',
  version: 1,
  tokenHash: 't',
  provinceStatus: '20#AWAITING_PAYMENT',
});

describe('settling a bank payment against a bill', () => {
  const bill: Bill = newBill(
    {
      kind: 'filing',
      agencyId: 'pao-20',
      billerId: '099400000000099',
      amountSatang: 123457,
      requestId: baseItem().requestId,
    },
    new Date('2026-11-23T03:00:00Z'),
  );
  const item = { ...baseItem(), bills: [bill] };
  const pay = (over: Partial<Parameters<typeof settle>[1]> = {}) => ({
    bankId: 'localbank',
    transactionRef: 'T1',
    billerId: bill.billerId,
    ref1: bill.ref1,
    ref2: bill.ref2,
    amountSatang: 123457,
    paidAt: '2026-11-23T11:00:00.000+07:00',
    via: 'callback' as const,
    ...over,
  });

  it('pays the exact amount with the right references, with a receipt number', () => {
    const s = settle(item, pay());
    expect(s.outcome).toBe('paid');
    if (s.outcome !== 'paid') return;
    expect(s.receiptNo).toBe(`PAO-20-2569-${bill.ref1}`);
    expect(s.bill.payment).toMatchObject({ transactionRef: 'T1', amountSatang: 123457 });
  });

  it('flags every mismatch, and never pays twice', () => {
    expect(settle(item, pay({ amountSatang: 123456 }))).toMatchObject({
      outcome: 'flagged',
      reason: 'AMOUNT_MISMATCH',
      bill: { status: 'FLAGGED' },
    });
    expect(settle(item, pay({ ref2: 'X' }))).toMatchObject({ reason: 'REFERENCE_MISMATCH' });
    expect(settle(item, pay({ billerId: '099400000000001' }))).toMatchObject({
      reason: 'REFERENCE_MISMATCH',
    });
    expect(settle(item, pay({ ref1: 'NOPE' }))).toEqual({ outcome: 'flagged', reason: 'UNKNOWN_REFERENCE' });
    const paid = settle(item, pay());
    if (paid.outcome !== 'paid') throw new Error('not paid');
    const after = { ...item, status: 'SUBMITTED' as const, bills: [paid.bill] };
    expect(settle(after, pay())).toMatchObject({ outcome: 'already-applied' });
    expect(settle(after, pay({ transactionRef: 'T2' }))).toMatchObject({ reason: 'DUPLICATE_PAYMENT' });
    expect(settle({ ...item, status: 'CANCELLED' }, pay())).toMatchObject({ reason: 'REQUEST_CLOSED' });
    expect(settle({ ...item, bills: [{ ...bill, status: 'EXPIRED' }] }, pay())).toMatchObject({
      reason: 'BILL_EXPIRED',
    });
    // A bill flagged for a wrong amount can still be paid correctly.
    expect(settle({ ...item, bills: [{ ...bill, status: 'FLAGGED' }] }, pay()).outcome).toBe('paid');
  });

  it('builds a tag-30 payload whose amount and references are the bill’s', () => {
    const payload = qrPayloadOf(bill);
    expect(payload).toContain('0016A000000677010112');
    expect(payload).toContain(`0115${bill.billerId}`);
    expect(payload).toContain(`0212${bill.ref1}`);
    expect(payload).toContain('54071234.57');
  });

  it('voids unpaid bills when the request is cancelled, and counts money once', () => {
    const cancelled = applyTransition(item, { action: 'cancel', actor: 'citizen', now: new Date() });
    expect(cancelled.bills?.[0]?.status).toBe('VOID');
    expect(billDeltas(undefined, item.bills)).toEqual({ billsIssued: 1, billedSatang: 123457 });
    const paid = settle(item, pay());
    if (paid.outcome !== 'paid') throw new Error('not paid');
    expect(billDeltas(item.bills, [paid.bill])).toEqual({ billsPaid: 1, collectedSatang: 123457 });
    expect(billDeltas([paid.bill], [paid.bill])).toEqual({});
    const reissue = { ...bill, billId: 'NEW', ref1: 'NEW', reissueOf: bill.ref1 };
    expect(billDeltas(item.bills, [bill, reissue])).toEqual({});
  });
});

describe('bank signatures', () => {
  const secret = 's'.repeat(40);
  const body = '{"transactionRef":"T1","amount":"10.00"}';
  const now = 1_790_000_000;
  it('accept the signed body within five minutes and nothing else', () => {
    const sig = signBankMessage(secret, now, body);
    expect(checkBankSignature(secret, String(now), sig, body, now + 300)).toBe('ok');
    expect(checkBankSignature(secret, String(now), sig, body, now + 301)).toBe('stale');
    expect(checkBankSignature(secret, String(now), sig, body, now - 301)).toBe('stale');
    expect(checkBankSignature(secret, String(now), sig, `${body} `, now)).toBe('bad-signature');
    expect(checkBankSignature(secret, String(now + 1), sig, body, now)).toBe('bad-signature');
    expect(checkBankSignature(`${secret}x`, String(now), sig, body, now)).toBe('bad-signature');
    expect(checkBankSignature(secret, String(now), sig.slice(0, -1), body, now)).toBe('bad-signature');
    expect(checkBankSignature(secret, undefined, sig, body, now)).toBe('bad-signature');
    expect(checkBankSignature(secret, '1e9', sig, body, now)).toBe('bad-signature');
  });
});

describe('the payment steps of the lifecycle', () => {
  const now = new Date('2026-11-23T04:00:00Z');
  it('bills only IN_PROGRESS work, pauses the clock, and pays back to work or on to routing', () => {
    const working = { ...baseItem(), status: 'IN_PROGRESS' as const, agencyId: 'district-2001' };
    const billed = applyTransition(
      working,
      { action: 'bill', actor: 'agency:district-2001', now },
      { clockPausedAt: '2026-11-23T11:00:00.000+07:00' },
    );
    expect(billed.status).toBe('AWAITING_PAYMENT');
    expect(billed.clockPausedAt).toBeDefined();
    expect(applyTransition(billed, { action: 'paid-resume', actor: 'system:payments', now }).status).toBe(
      'IN_PROGRESS',
    );
    expect(applyTransition(baseItem(), { action: 'paid', actor: 'system:payments', now }).status).toBe(
      'SUBMITTED',
    );
    expect(() =>
      applyTransition({ ...baseItem(), status: 'ROUTED' }, { action: 'bill', actor: 'agency:x', now }),
    ).toThrow(/Cannot bill/);
    // Accepted work cannot be cancelled, billed or not.
    expect(() =>
      applyTransition(
        { ...billed, acceptedAt: billed.updatedAt },
        { action: 'cancel', actor: 'citizen', now },
      ),
    ).toThrow(/already accepted/);
  });
});
