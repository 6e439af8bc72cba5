import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { validate } from 'promptparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_HEADERS, signBankMessage } from '../../shared/domain/bank-signature.ts';
import { VALID_CITIZEN_ID, withCheckDigit } from '../support/citizen-ids.ts';
import {
  agencyTokens,
  eventually,
  http,
  type LocalStack,
  localApiKey,
  postForm,
  requestTable,
  runOss,
  startTestStack,
} from '../support/local-stack.ts';
import { decodeSvgQr } from '../support/qr.ts';

/** Issue #14: fees and Thai QR bill payment, end to end on the local stack with its bank stand-in. */
let stack: LocalStack;
let dispose: () => void;
let dataDir: string;
let table: ReturnType<typeof requestTable>;
let tokens: Map<string, string>;

beforeAll(async () => {
  ({ stack, dispose, dataDir } = await startTestStack());
  tokens = await agencyTokens(dataDir, ['pao-20', 'district-2001', 'damrongdhama-20']);
  table = requestTable(stack);
});
afterAll(async () => {
  table?.close();
  await stack?.stop();
  dispose?.();
});

const asAgency = (agencyId: string) => ({ authorization: `Bearer ${tokens.get(agencyId)}` });
const stored = async (id: string) => (await table.stored(id)) as Record<string, any>;

const oss = (...args: string[]) => runOss(stack, dataDir, ...args);

let hotelSeq = 0;
async function fileHotelLevy(roomRevenueThb = 123_456.78) {
  const res = await http(stack.url, 'POST', '/v1/requests', {
    body: {
      serviceCode: 'hotel-fee-pao',
      provinceCode: '20',
      applicant: {
        citizenId: withCheckDigit(`3${String(700 + hotelSeq++).padStart(11, '0')}`),
        firstName: 'สมศรี',
        lastName: 'ริมทะเล',
      },
      details: {
        hotelName: 'โรงแรมทดสอบ',
        hotelLicenceNo: '20/2560',
        period: '2026-10',
        guestNights: 120,
        roomRevenueThb,
      },
    },
  });
  expect(res.status, res.text).toBe(201);
  return {
    id: res.json.requestId as string,
    bill: res.json.bill,
    citizen: { authorization: `Bearer ${res.json.accessToken}` },
    body: res.json,
  };
}

/** A callback signed as the local bank signs it (or as told), posted raw. */
async function callback(
  body: Record<string, unknown>,
  opts: { secret?: string; timestamp?: number; bankId?: string; raw?: string } = {},
) {
  const raw = opts.raw ?? JSON.stringify(body);
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  return http(stack.url, 'POST', '/v1/payments/bank-callback', {
    raw,
    headers: {
      [BANK_HEADERS.bankId]: opts.bankId ?? stack.bank.id,
      [BANK_HEADERS.timestamp]: String(timestamp),
      [BANK_HEADERS.signature]: signBankMessage(opts.secret ?? stack.bank.secret, timestamp, raw),
    },
  });
}

let txSeq = 0;
const paymentOf = (
  bill: { billerId: string; ref1: string; ref2: string; amountThb: number },
  extra = {},
) => ({
  transactionRef: `TEST${Date.now()}${txSeq++}`,
  billerId: bill.billerId,
  ref1: bill.ref1,
  ref2: bill.ref2,
  amount: bill.amountThb.toFixed(2),
  paidAt: new Date().toISOString(),
  ...extra,
});

const view = async (id: string, auth: Record<string, string>) =>
  (await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: auth })).json;

/** Runs the payment reconciler once, as its schedule would. */
async function reconcileBills(event: Record<string, unknown>) {
  const [reconciler] = stack.functionsNamed('payment-reconciler');
  if (!reconciler) throw new Error('no payment-reconciler function');
  return (await reconciler.invoke(event)) as { applied: number; expired: number; errors: number };
}

const provinceStats = async () => {
  await stack.drainStreams();
  return (await http(stack.url, 'GET', '/v1/stats?provinceCode=20')).json;
};

describe('a fee known at filing (the PAO hotel levy)', () => {
  it('waits for payment with a scannable Thai QR; `oss bank pay` routes it to the PAO with a receipt', async () => {
    const before = await provinceStats();
    const { id, bill, citizen, body } = await fileHotelLevy();
    expect(body.status).toBe('AWAITING_PAYMENT');
    // 1 % of 123,456.78 THB = 1,234.5678 → 1,234.57 (rounded half up to the satang).
    expect(bill).toMatchObject({
      amountThb: 1234.57,
      amountSatang: 123457,
      status: 'ISSUED',
      agencyId: 'pao-20',
    });
    expect(bill.amountTextTh).toBe('หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบเจ็ดสตางค์');
    expect(bill.ref1).toMatch(/^[A-Z0-9]{12}$/);
    expect(bill.ref2).toMatch(/^[A-Z0-9]{17}$/);

    // The SVG scans (rasterised and read by a QR decoder) to exactly the payload, which is a valid
    // EMVCo tag-30 bill payment (promptparse checks its CRC) naming our biller, references and amount.
    const scanned = decodeSvgQr(bill.qrSvg);
    expect(scanned).toBe(bill.qrPayload);
    expect(validate.billPayment(scanned ?? '')).toEqual({
      billerId: bill.billerId,
      ref1: bill.ref1,
      ref2: bill.ref2,
      amount: 1234.57,
    });
    const corrupted = `${bill.qrPayload.slice(0, -1)}${bill.qrPayload.endsWith('0') ? '1' : '0'}`;
    expect(validate.billPayment(corrupted)).toBeNull();

    // Not routed while unpaid.
    expect((await stored(id)).agencyId).toBeUndefined();

    const paid = await oss('bank', 'pay', bill.ref1);
    expect(paid.code, paid.stderr).toBe(0);
    expect(paid.stdout).toMatch(/OSS answered 200: .*"result":"APPLIED"/);

    const routed = await eventually(async () => {
      const v = await view(id, citizen);
      return v.status === 'ROUTED' ? v : undefined;
    });
    expect(routed.agencyId).toBe('pao-20');
    const [paidBill] = routed.bills;
    expect(paidBill.status).toBe('PAID');
    expect(paidBill.qrPayload).toBeUndefined();
    expect(paidBill.receipt).toMatchObject({
      receiptNo: `PAO-20-2569-${bill.ref1}`,
      amountThb: 1234.57,
      amountTextTh: 'หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบเจ็ดสตางค์',
      bankId: 'localbank',
    });
    // Every step the system wrote reads in Thai too.
    for (const h of routed.history as Array<{ actor: string; note?: string; noteTh?: string }>) {
      if (h.note) expect(h.noteTh, h.note).toMatch(/[\u0E00-\u0E7F]/);
    }
    expect(routed.statusLabel).toEqual({ th: 'ส่งถึงหน่วยงานแล้ว', en: 'Sent to the agency' });
    expect(routed.history.map((h: { status: string }) => h.status)).toEqual([
      'AWAITING_PAYMENT',
      'SUBMITTED',
      'ROUTED',
    ]);
    // The deadline clock started at payment, and the open-by-deadline index has it now.
    expect(Date.parse(routed.dueAt)).toBeGreaterThan(Date.parse(bill.issuedAt));
    expect((await stored(id)).openProvince).toBe('20');

    const after = await provinceStats();
    expect(after.payments.billedThb - before.payments.billedThb).toBeCloseTo(1234.57, 2);
    expect(after.payments.collectedThb - before.payments.collectedThb).toBeCloseTo(1234.57, 2);
    expect(after.byService['hotel-fee-pao'].payments.billsPaid).toBeGreaterThanOrEqual(1);
  });

  it('is shown to Open311 clients as a notice with the amount and the bank references', async () => {
    const { id, bill } = await fileHotelLevy(1000);
    const res = await http(stack.url, 'GET', `/open311/v2/requests/${id}.json`);
    expect(res.status).toBe(200);
    expect(res.json[0].service_notice).toContain(`Fee 10.00 THB due by ${bill.expiresAt}`);
    expect(res.json[0].service_notice).toContain(`ref1 ${bill.ref1}`);
  });

  it('through Open311: the POST answers with what to pay and how', async () => {
    const apiKey = await localApiKey(stack, 'payments test');
    const res = await http(stack.url, 'POST', '/open311/v2/requests.json', {
      raw: new URLSearchParams({
        api_key: apiKey,
        jurisdiction_id: '20',
        service_code: 'hotel-fee-pao',
        'attribute[citizen_id]': '1101700230708',
        'attribute[first_name]': 'สมชาย',
        'attribute[last_name]': 'ใจดี',
        'attribute[hotelName]': 'โรงแรมเปิดสามหนึ่งหนึ่ง',
        'attribute[hotelLicenceNo]': '20/2561',
        'attribute[period]': '2026-09',
        'attribute[guestNights]': '10',
        'attribute[roomRevenueThb]': '1234.5',
        address_string: '99 ถนนสุขุมวิท ต.บางปลาสร้อย อ.เมืองชลบุรี',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json[0].service_notice).toMatch(
      /^Fee 12\.35 THB due by .*ref1 [A-Z0-9]{12}, ref2 [A-Z0-9]{17}/,
    );
    const id = res.json[0].service_request_id as string;
    expect((await stored(id)).status).toBe('AWAITING_PAYMENT');
  });

  it('a month with no room revenue owes nothing and goes straight on', async () => {
    const { body } = await fileHotelLevy(0);
    expect(body.status).toBe('SUBMITTED');
    expect(body.bill).toBeUndefined();
  });
});

describe('a fixed fee after documents (commercial registration)', () => {
  it('is billed when the last document is verified, and routed once paid', async () => {
    const filed = await http(stack.url, 'POST', '/v1/requests', {
      body: {
        serviceCode: 'commercial-registration-new',
        provinceCode: '20',
        districtCode: '2001',
        applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมชาย', lastName: 'ใจดี' },
        details: {
          businessName: 'ร้านทดสอบ',
          businessType: 'ขายของชำ',
          capitalThb: 50000,
          startedOn: '2026-11-01',
          premisesSubdistrict: '200101',
        },
      },
    });
    expect(filed.status, filed.text).toBe(201);
    expect(filed.json.status).toBe('AWAITING_DOCUMENTS');
    expect(filed.json.bill).toBeUndefined();
    const id = filed.json.requestId as string;
    const citizen = { authorization: `Bearer ${filed.json.accessToken}` };
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    for (const d of filed.json.requiredDocuments as Array<{ type: string }>) {
      const slot = await http(stack.url, 'POST', `/v1/requests/${id}/documents`, {
        body: { type: d.type, contentType: 'application/pdf', sizeBytes: pdf.length },
        headers: citizen,
      });
      expect(slot.status, slot.text).toBe(201);
      expect(await postForm(slot.json.upload, pdf, `${d.type}.pdf`)).toBe(204);
    }
    const waiting = await eventually(async () => {
      const v = await view(id, citizen);
      return v.status === 'AWAITING_PAYMENT' ? v : undefined;
    });
    const [bill] = waiting.bills;
    expect(bill).toMatchObject({
      amountThb: 50,
      kind: 'filing',
      status: 'ISSUED',
      amountTextTh: 'ห้าสิบบาทถ้วน',
    });
    expect((await stored(id)).openProvince).toBeUndefined(); // no deadline runs while the fee is unpaid
    expect((await callback(paymentOf(bill))).json.result).toBe('APPLIED');
    const routed = await eventually(async () => {
      const v = await view(id, citizen);
      return v.status === 'ROUTED' ? v : undefined;
    });
    expect(routed.agencyId).toBe('district-2001');
  });
});

describe('a fee the agency assesses (land and building tax)', () => {
  it('is billed on the assessment, paid, resumes with the clock moved on, and completes', async () => {
    const filed = await http(stack.url, 'POST', '/v1/requests', {
      body: {
        serviceCode: 'land-building-tax',
        provinceCode: '20',
        districtCode: '2001',
        applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมชาย', lastName: 'ใจดี' },
        details: { parcelNo: '12345', taxYear: 2026, useType: ['commercial'] },
      },
    });
    expect(filed.status).toBe(201);
    expect(filed.json.status).toBe('SUBMITTED');
    const id = filed.json.requestId as string;
    const citizen = { authorization: `Bearer ${filed.json.accessToken}` };
    // No local body is registered for Mueang Chon Buri, so the district office receives it (and bills).
    const agency = 'district-2001';
    await eventually(async () => ((await view(id, citizen)).status === 'ROUTED' ? true : undefined));
    const act = (body: Record<string, unknown>) =>
      http(stack.url, 'POST', `/v1/agencies/${agency}/requests/${id}/actions`, {
        body,
        headers: asAgency(agency),
      });

    // Billing is for IN_PROGRESS work, with a reason and an amount or an assessment.
    expect((await act({ action: 'bill', note: 'tax', amountThb: 10 })).status).toBe(409);
    expect((await act({ action: 'accept' })).status).toBe(200);
    const noReason = await act({ action: 'bill', amountThb: 10 });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.issues[0].path).toBe('note');
    const noAmount = await act({ action: 'bill', note: 'tax' });
    expect(noAmount.status).toBe(400);
    expect(noAmount.json.error.issues[0].path).toBe('amountThb');
    const fractional = await act({ action: 'bill', note: 'tax', amountThb: 10.005 });
    expect(fractional.status).toBe(400);
    expect((await stored(id)).bills).toBeUndefined();

    const billed = await act({
      action: 'bill',
      note: 'ภาษีที่ดินฯ ปี 2569 / 2026 tax',
      assessment: { appraisedValueThb: 60_000_000, use: 'other' },
    });
    expect(billed.status, billed.text).toBe(200);
    expect(billed.json.status).toBe('AWAITING_PAYMENT');
    const bill = billed.json.bills[0];
    // 50 M at 0.3 % + 10 M at 0.4 % = 150,000 + 40,000.
    expect(bill).toMatchObject({ amountThb: 190_000, kind: 'assessed', agencyId: agency, status: 'ISSUED' });
    expect(bill.lines).toHaveLength(2);
    expect(decodeSvgQr(bill.qrSvg)).toBe(bill.qrPayload);
    expect((await stored(id)).clockPausedAt).toBeDefined();

    // Officers see it among the unpaid bills.
    const unpaid = await http(stack.url, 'GET', `/v1/agencies/${agency}/bills?state=unpaid`, {
      headers: asAgency(agency),
    });
    expect(unpaid.json.items.map((i: { bill: { ref1: string } }) => i.bill.ref1)).toContain(bill.ref1);
    expect(
      (await http(stack.url, 'GET', `/v1/agencies/${agency}/bills?state=nope`, { headers: asAgency(agency) }))
        .status,
    ).toBe(400);
    expect(
      (await http(stack.url, 'GET', `/v1/agencies/${agency}/bills`, { headers: asAgency('pao-20') })).status,
    ).toBe(403);

    const dueBefore = (await stored(id)).dueAt;
    const paid = await callback(paymentOf(bill));
    expect(paid.status).toBe(200);
    expect(paid.json.result).toBe('APPLIED');
    const resumed = await view(id, citizen);
    expect(resumed.status).toBe('IN_PROGRESS');
    for (const h of resumed.history as Array<{ actor: string; note?: string; noteTh?: string }>) {
      if (h.actor.startsWith('system:') || h.note?.startsWith('Billed'))
        expect(h.noteTh, h.note).toBeDefined();
    }
    expect(resumed.dueAt >= dueBefore).toBe(true);
    expect((await stored(id)).clockPausedAt).toBeUndefined();
    expect((await act({ action: 'complete', note: 'ออกใบเสร็จแล้ว' })).json.status).toBe('COMPLETED');
  });

  it('refuses to bill a service that has no fee an agency bills', async () => {
    const filed = await http(stack.url, 'POST', '/v1/requests', {
      body: {
        serviceCode: 'complaint',
        provinceCode: '20',
        applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมชาย', lastName: 'ใจดี' },
        details: { category: 'road', subject: 'ถนนชำรุด' },
      },
    });
    const id = filed.json.requestId as string;
    const agency = 'damrongdhama-20';
    await eventually(async () => ((await stored(id))?.status === 'ROUTED' ? true : undefined));
    const act = (body: Record<string, unknown>) =>
      http(stack.url, 'POST', `/v1/agencies/${agency}/requests/${id}/actions`, {
        body,
        headers: asAgency(agency),
      });
    await act({ action: 'accept' });
    const res = await act({ action: 'bill', note: 'fee', amountThb: 100 });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('NO_FEE_TO_BILL');
    expect(res.json.error.messageTh).toBeTruthy();
  });
});

describe('attacks and faults on the bank callback', () => {
  it('refuses a bad signature, an unknown bank, a stale or future timestamp and a bad body, changing nothing', async () => {
    const { id, bill } = await fileHotelLevy(5000);
    const body = paymentOf(bill);
    const wrongKey = await callback(body, { secret: 'x'.repeat(43) });
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.json.error.code).toBe('BANK_SIGNATURE_INVALID');
    const tampered = await callback(body, {
      raw: JSON.stringify({ ...body, amount: '0.01' }),
      secret: 'not the bank',
    });
    expect(tampered.status).toBe(401);
    // Signed body, then a different body sent under that signature.
    const ts = Math.floor(Date.now() / 1000);
    const swapped = await http(stack.url, 'POST', '/v1/payments/bank-callback', {
      raw: JSON.stringify({ ...body, amount: '0.01' }),
      headers: {
        [BANK_HEADERS.bankId]: stack.bank.id,
        [BANK_HEADERS.timestamp]: String(ts),
        [BANK_HEADERS.signature]: signBankMessage(stack.bank.secret, ts, JSON.stringify(body)),
      },
    });
    expect(swapped.status).toBe(401);
    expect((await callback(body, { bankId: 'otherbank' })).status).toBe(401);
    const stale = await callback(body, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(stale.status).toBe(401);
    expect(stale.json.error.code).toBe('BANK_TIMESTAMP_STALE');
    expect((await callback(body, { timestamp: Math.floor(Date.now() / 1000) + 301 })).status).toBe(401);
    const unsigned = await http(stack.url, 'POST', '/v1/payments/bank-callback', { body });
    expect(unsigned.status).toBe(401);
    const badBody = await callback({ ...body, amount: '12.345' });
    expect(badBody.status).toBe(400);
    const item = await stored(id);
    expect(item.status).toBe('AWAITING_PAYMENT');
    expect(item.bills[0].status).toBe('ISSUED');
    expect(item.version).toBe(1);
  });

  it('applies a replayed callback once', async () => {
    const before = await provinceStats();
    const { id, bill } = await fileHotelLevy(2000);
    const body = paymentOf(bill);
    const first = await callback(body);
    const again = await callback(body);
    expect(first.json).toMatchObject({ result: 'APPLIED' });
    expect(again.json).toEqual(first.json);
    const item = await stored(id);
    expect(item.bills[0].status).toBe('PAID');
    expect(item.history.filter((h: { note?: string }) => h.note?.startsWith('Paid'))).toHaveLength(1);
    const after = await provinceStats();
    expect(after.payments.collectedThb - before.payments.collectedThb).toBeCloseTo(20, 2);
    expect(after.payments.billsPaid - before.payments.billsPaid).toBe(1);
  });

  it('refuses the same transaction reference with other content', async () => {
    const { bill } = await fileHotelLevy(3000);
    const body = paymentOf(bill);
    expect((await callback(body)).json.result).toBe('APPLIED');
    const reused = await callback({ ...body, amount: '1.00' });
    expect(reused.status).toBe(409);
    expect(reused.json.error.code).toBe('TRANSACTION_REF_REUSED');
  });

  it('flags a wrong amount for review (not paid); the right amount then pays', async () => {
    const { id, bill } = await fileHotelLevy(4000);
    const wrong = await callback(paymentOf(bill, { amount: '39.99' }));
    expect(wrong.json).toMatchObject({ result: 'FLAGGED', reason: 'AMOUNT_MISMATCH' });
    let item = await stored(id);
    expect(item.status).toBe('AWAITING_PAYMENT');
    expect(item.bills[0]).toMatchObject({
      status: 'FLAGGED',
      flags: [{ reason: 'AMOUNT_MISMATCH', amountSatang: 3999 }],
    });
    const flagged = await http(stack.url, 'GET', '/v1/agencies/pao-20/bills?state=flagged', {
      headers: asAgency('pao-20'),
    });
    expect(flagged.json.items).toContainEqual(
      expect.objectContaining({
        ref1: bill.ref1,
        reason: 'AMOUNT_MISMATCH',
        amountThb: 39.99,
        requestId: id,
      }),
    );
    const wrongRef2 = await callback(paymentOf(bill, { ref2: 'AAAAAAAAAAAAAAAAB' }));
    expect(wrongRef2.json).toMatchObject({ result: 'FLAGGED', reason: 'REFERENCE_MISMATCH' });
    expect((await callback(paymentOf(bill))).json.result).toBe('APPLIED');
    item = await stored(id);
    expect(item.bills[0].status).toBe('PAID');
  });

  it('flags a payment to an unknown reference as unmatched', async () => {
    const res = await callback({
      transactionRef: `UNKNOWN${Date.now()}`,
      billerId: '099400000000099',
      ref1: 'ZZZZZZZZZZZZ',
      amount: '100.00',
      paidAt: new Date().toISOString(),
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ result: 'FLAGGED', reason: 'UNKNOWN_REFERENCE' });
    const pay = await oss('bank', 'pay', 'NOSUCHREF000');
    expect(pay.code).toBe(1);
    expect(pay.stderr).toMatch(/no bill NOSUCHREF000/);
  });

  it('flags a payment for a cancelled request for a refund; its bill is void', async () => {
    const { id, bill, citizen } = await fileHotelLevy(6000);
    const cancelled = await http(stack.url, 'POST', `/v1/requests/${id}/cancel`, {
      body: { reason: 'ยื่นผิดเดือน' },
      headers: citizen,
    });
    expect(cancelled.json.status).toBe('CANCELLED');
    expect(cancelled.json.bills[0].status).toBe('VOID');
    const res = await callback(paymentOf(bill));
    expect(res.json).toMatchObject({ result: 'FLAGGED', reason: 'REQUEST_CLOSED' });
    const item = await stored(id);
    expect(item.status).toBe('CANCELLED');
    expect(item.bills[0].payment).toBeUndefined();
  });

  it('finds a lost callback by the reconciler’s inquiry to the bank', async () => {
    const { id, bill, citizen } = await fileHotelLevy(7000);
    const dropped = await oss('bank', 'pay', bill.ref1, '--drop-callback');
    expect(dropped.stdout).toMatch(/callback dropped/);
    expect((await stored(id)).status).toBe('AWAITING_PAYMENT');
    const result = await reconcileBills({ everyBill: true });
    expect(result.errors).toBe(0);
    expect(result.applied).toBeGreaterThanOrEqual(1);
    const v = await eventually(async () => {
      const r = await view(id, citizen);
      return r.status === 'ROUTED' ? r : undefined;
    });
    expect(v.bills[0].receipt.receiptNo).toBe(`PAO-20-2569-${bill.ref1}`);
    // A second run finds nothing new to apply.
    expect((await reconcileBills({ everyBill: true })).applied).toBe(0);
  });

  it('two payments of one bill at once: one is applied, the other flagged as a duplicate', async () => {
    const before = await provinceStats();
    const { id, bill } = await fileHotelLevy(8000);
    const [a, b] = await Promise.all([callback(paymentOf(bill)), callback(paymentOf(bill))]);
    const results = [a.json.result, b.json.result].sort();
    expect(results).toEqual(['APPLIED', 'FLAGGED']);
    expect([a.json.reason, b.json.reason]).toContain('DUPLICATE_PAYMENT');
    // The same transaction reported twice at once is applied once.
    const { id: id2, bill: bill2 } = await fileHotelLevy(9000);
    const same = paymentOf(bill2);
    const [c, d] = await Promise.all([callback(same), callback(same)]);
    expect([c.json.result, d.json.result]).toEqual(['APPLIED', 'APPLIED']);
    expect(c.json.receiptNo).toBe(d.json.receiptNo);
    for (const requestId of [id, id2]) {
      const item = await stored(requestId);
      expect(item.bills[0].status).toBe('PAID');
      expect(item.history.filter((h: { note?: string }) => h.note?.startsWith('Paid'))).toHaveLength(1);
    }
    const after = await provinceStats();
    expect(after.payments.collectedThb - before.payments.collectedThb).toBeCloseTo(170, 2);
  });

  it('expires an unpaid bill past its date; the citizen gets a new one, counted once as billed', async () => {
    const { id, bill, citizen } = await fileHotelLevy(11_000);
    // Time passes: the bill's expiry is moved into the past in the table.
    const item = await stored(id);
    item.bills[0].expiresAt = '2026-01-01T23:59:59.999+07:00';
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: { pk: `REQUEST#${id}`, sk: 'REQUEST' },
        UpdateExpression: 'SET bills = :b',
        ExpressionAttributeValues: { ':b': item.bills },
      }),
    );
    const early = await http(stack.url, 'POST', `/v1/requests/${id}/bills/${bill.billId}/reissue`, {
      headers: citizen,
    });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('BILL_NOT_EXPIRED');
    expect((await reconcileBills({})).expired).toBeGreaterThanOrEqual(1);
    expect((await stored(id)).bills[0].status).toBe('EXPIRED');
    // An old bill paid after expiry is not taken as payment.
    expect((await callback(paymentOf(bill))).json.reason).toBe('BILL_EXPIRED');

    const before = await provinceStats();
    const reissued = await http(stack.url, 'POST', `/v1/requests/${id}/bills/${bill.billId}/reissue`, {
      headers: citizen,
    });
    expect(reissued.status, reissued.text).toBe(201);
    expect(reissued.json).toMatchObject({ amountThb: 110, status: 'ISSUED', reissueOf: bill.ref1 });
    expect(reissued.json.ref1).not.toBe(bill.ref1);
    expect(decodeSvgQr(reissued.json.qrSvg)).toBe(reissued.json.qrPayload);
    const again = await http(stack.url, 'POST', `/v1/requests/${id}/bills/${bill.billId}/reissue`, {
      headers: citizen,
    });
    expect(again.status).toBe(409);
    expect((await callback(paymentOf(reissued.json))).json.result).toBe('APPLIED');
    const after = await provinceStats();
    expect(after.payments.billsIssued - before.payments.billsIssued).toBe(0);
    expect(after.payments.collectedThb - before.payments.collectedThb).toBeCloseTo(110, 2);
    expect((await view(id, citizen)).status).not.toBe('AWAITING_PAYMENT');
  });
});
