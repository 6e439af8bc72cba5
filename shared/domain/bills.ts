import { randomInt } from 'node:crypto';
import type { Bill, BillFlag, BillPayment, BillView, FlagReason } from '../schemas/payments.ts';
import type { RequestItem } from '../schemas/request.ts';
import { loadSideModule } from '../side-files.ts';
import { bahtFromSatang } from './money.ts';
import { bangkokDate, bangkokInstant, toBangkokIso } from './time.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

/**
 * ISO/IEC 7064 MOD 37,36 (the hybrid system for alphanumeric strings): one check character that
 * catches every single-character error and nearly every swap of neighbours, so a reference typed
 * at a bank counter with a slip is refused by its shape before anyone looks it up.
 */
export function checkCharacter(body: string): string {
  let p = M;
  for (const c of body) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw new RangeError(`"${c}" is not A–Z or 0–9`);
    let s = (p + v) % M;
    if (s === 0) s = M;
    p = (s * 2) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M] as string;
}

/** Whether the last character of `ref` is the check character of the rest. */
export const hasValidCheck = (ref: string): boolean =>
  /^[A-Z0-9]{2,20}$/.test(ref) && checkCharacter(ref.slice(0, -1)) === ref.at(-1);

/** A new bill reference: 11 random characters and the check character (36^11 ≈ 1.3 × 10^17 values). */
export function newRef1(): string {
  let body = '';
  for (let i = 0; i < 11; i++) body += ALPHABET[randomInt(M)];
  return body + checkCharacter(body);
}

/** The request's reference for the bank: the first 16 hex digits of its id, and a check character. */
export function ref2For(requestId: string): string {
  const body = requestId.replaceAll('-', '').slice(0, 16).toUpperCase();
  return body + checkCharacter(body);
}

/** How long a bill can be paid: to the end of the seventh day (Bangkok) after it is issued. */
export const BILL_VALID_DAYS = 7;

export function billExpiry(now: Date): string {
  const day = bangkokDate(new Date(now.getTime() + BILL_VALID_DAYS * 86_400_000));
  return toBangkokIso(new Date(bangkokInstant(day, 23, 59).getTime() + 59_999));
}

export interface NewBill {
  readonly kind: Bill['kind'];
  readonly agencyId: string;
  readonly billerId: string;
  readonly amountSatang: number;
  readonly requestId: string;
  readonly reason?: string;
  readonly lines?: Bill['lines'];
  readonly reissueOf?: string;
  readonly ref1?: string;
}

export function newBill(input: NewBill, now: Date): Bill {
  const ref1 = input.ref1 ?? newRef1();
  return {
    billId: ref1,
    kind: input.kind,
    agencyId: input.agencyId,
    billerId: input.billerId,
    amountSatang: input.amountSatang,
    ref1,
    ref2: ref2For(input.requestId),
    issuedAt: toBangkokIso(now),
    expiresAt: billExpiry(now),
    status: 'ISSUED',
    ...(input.reason && { reason: input.reason }),
    ...(input.lines && input.lines.length > 0 && { lines: [...input.lines] }),
    ...(input.reissueOf && { reissueOf: input.reissueOf }),
  };
}

const PAYABLE: ReadonlySet<Bill['status']> = new Set(['ISSUED', 'FLAGGED']);

/** The bill renderers, on first use (bill-render.ts says why; a side file in function bundles). */
const loadBillRender = () =>
  loadSideModule<typeof import('./bill-render.ts')>(
    'bill-render.cjs',
    new URL('./bill-render.ts', import.meta.url),
  );

/**
 * What people see of a bill: amounts in baht and in Thai words, the QR while it can be paid, the
 * receipt once paid. Async because its renderers load on first use (bill-render.ts says why).
 */
export async function billView(bill: Bill, withQr = true): Promise<BillView> {
  const { bahtTextTh, qrPayloadOf, qrSvgOf } = await loadBillRender();
  const payable = PAYABLE.has(bill.status);
  const qrPayload = payable ? qrPayloadOf(bill) : undefined;
  return {
    billId: bill.billId,
    kind: bill.kind,
    agencyId: bill.agencyId,
    amountThb: bahtFromSatang(bill.amountSatang),
    amountSatang: bill.amountSatang,
    amountTextTh: bahtTextTh(bill.amountSatang),
    ref1: bill.ref1,
    ref2: bill.ref2,
    billerId: bill.billerId,
    ...(qrPayload && { qrPayload, ...(withQr && { qrSvg: qrSvgOf(qrPayload) }) }),
    issuedAt: bill.issuedAt,
    expiresAt: bill.expiresAt,
    status: bill.status,
    ...(bill.reason && { reason: bill.reason }),
    ...(bill.lines && { lines: bill.lines }),
    ...(bill.reissueOf && { reissueOf: bill.reissueOf }),
    ...(bill.payment && {
      receipt: {
        receiptNo: bill.payment.receiptNo,
        paidAt: bill.payment.paidAt,
        amountThb: bahtFromSatang(bill.payment.amountSatang),
        amountTextTh: bahtTextTh(bill.payment.amountSatang),
        bankId: bill.payment.bankId,
        transactionRef: bill.payment.transactionRef,
      },
    }),
    ...(bill.flags && bill.flags.length > 0 && { flags: bill.flags }),
  };
}

/** A bank's report of one payment (callback or inquiry answer), amounts already in satang. */
export interface BankPayment {
  readonly bankId: string;
  readonly transactionRef: string;
  readonly billerId: string;
  readonly ref1: string;
  readonly ref2?: string;
  readonly amountSatang: number;
  readonly paidAt: string;
  readonly via: BillPayment['via'];
}

export type Settlement =
  | { readonly outcome: 'paid'; readonly bill: Bill; readonly receiptNo: string }
  | { readonly outcome: 'already-applied'; readonly bill: Bill }
  | { readonly outcome: 'flagged'; readonly reason: FlagReason; readonly bill?: Bill };

/** A receipt number: the collecting agency, the Buddhist-era year and the bill's unique ref1. */
export function receiptNumber(bill: Bill, paidAt: string): string {
  const beYear = Number(paidAt.slice(0, 4)) + 543;
  return `${bill.agencyId.toUpperCase()}-${beYear}-${bill.ref1}`;
}

/** At most this many flags are kept on one bill (each is also a payment record for review). */
const MAX_FLAGS = 10;

/**
 * Decides what a bank's payment does to a bill of this request, without side effects: paid (the
 * exact amount, the right references, a bill that can be paid on a request waiting for it),
 * already applied (the same bank transaction again), or flagged for a person with the reason —
 * never paid twice, never paid with another amount.
 */
export function settle(item: RequestItem, payment: BankPayment, now = new Date()): Settlement {
  const bill = item.bills?.find((b) => b.ref1 === payment.ref1);
  if (!bill) return { outcome: 'flagged', reason: 'UNKNOWN_REFERENCE' };
  if (bill.payment?.transactionRef === payment.transactionRef && bill.payment.bankId === payment.bankId) {
    return { outcome: 'already-applied', bill };
  }
  const flag = (reason: FlagReason, status: Bill['status'] = bill.status): Settlement => {
    const entry: BillFlag = {
      at: toBangkokIso(now),
      reason,
      bankId: payment.bankId,
      transactionRef: payment.transactionRef,
      amountSatang: payment.amountSatang,
    };
    const known = bill.flags?.some(
      (f) => f.transactionRef === payment.transactionRef && f.bankId === payment.bankId,
    );
    const flags = known ? (bill.flags ?? []) : [...(bill.flags ?? []), entry].slice(-MAX_FLAGS);
    return { outcome: 'flagged', reason, bill: { ...bill, status, flags } };
  };
  if (bill.billerId !== payment.billerId || (payment.ref2 !== undefined && payment.ref2 !== bill.ref2)) {
    return flag('REFERENCE_MISMATCH', PAYABLE.has(bill.status) ? 'FLAGGED' : bill.status);
  }
  if (bill.status === 'PAID') return flag('DUPLICATE_PAYMENT');
  if (bill.status === 'VOID' || item.status !== 'AWAITING_PAYMENT') return flag('REQUEST_CLOSED');
  if (bill.status === 'EXPIRED') return flag('BILL_EXPIRED');
  if (payment.amountSatang !== bill.amountSatang) return flag('AMOUNT_MISMATCH', 'FLAGGED');
  const receiptNo = receiptNumber(bill, payment.paidAt);
  return {
    outcome: 'paid',
    receiptNo,
    bill: {
      ...bill,
      status: 'PAID',
      payment: {
        bankId: payment.bankId,
        transactionRef: payment.transactionRef,
        paidAt: payment.paidAt,
        amountSatang: payment.amountSatang,
        receiptNo,
        via: payment.via,
      },
    },
  };
}

/** The request's bills with one replaced. */
export const withBill = (item: RequestItem, bill: Bill): Bill[] =>
  (item.bills ?? []).map((b) => (b.billId === bill.billId ? bill : b));

/** The bill a request is waiting on: the newest one that can still be paid. */
export const openBill = (item: RequestItem): Bill | undefined =>
  item.bills?.findLast((b) => PAYABLE.has(b.status));
