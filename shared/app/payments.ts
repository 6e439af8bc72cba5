import { getBankSettings, inquireBank } from '../adapters/bank.ts';
import {
  flaggedPayments,
  paymentKey,
  recordPayment,
  requestIdOfBill,
  settlePaymentRecord,
} from '../adapters/payments-table.ts';
import { getRequest, queryStaleByStatus, replaceRequest } from '../adapters/requests-table.ts';
import { BANK_HEADERS, checkBankSignature } from '../domain/bank-signature.ts';
import { type BankPayment, billView, openBill, settle, withBill } from '../domain/bills.ts';
import { resumeClock } from '../domain/deadline-clock.ts';
import { AppError, notFound } from '../domain/errors.ts';
import { applyTransition } from '../domain/lifecycle.ts';
import { LIMITS } from '../domain/limits.ts';
import { formatBaht, satangFromBaht } from '../domain/money.ts';
import { canonicalJson, sha256Hex } from '../domain/secure-tokens.ts';
import { toBangkokIso } from '../domain/time.ts';
import { addWorkingDays } from '../domain/working-days.ts';
import { logger, metrics } from '../observability.ts';
import { BankCallbackBody, type Bill, type FlagReason, type PaymentRecord } from '../schemas/payments.ts';
import type { RequestItem } from '../schemas/request.ts';
import { billerFor, issueBill } from './billing.ts';
import { commitChange } from './commit.ts';
import { dispatchSubmitted } from './dispatch.ts';
import { loadOwnRequest } from './read-request.ts';
import { holidaySet, referenceData } from './reference.ts';
import type { CitizenCredential } from './session-check.ts';

export interface PaymentOutcome {
  readonly result: 'APPLIED' | 'FLAGGED';
  readonly transactionRef: string;
  readonly reason?: FlagReason;
  readonly receiptNo?: string;
}

const rejected = (code: string, message: string) => {
  metrics.addMetric('BankCallbacksRejected', 'Count', 1);
  return new AppError(401, code, message);
};

/**
 * `POST /v1/payments/bank-callback`: a bank confirms a payment. Only a message signed with that
 * bank's secret, with a timestamp within five minutes, is read at all; it is then recorded once
 * per bank transaction and applied (or flagged) exactly once, however often the bank repeats it.
 */
export async function receiveBankCallback(
  rawBody: string,
  headers: Readonly<Record<string, string | undefined>>,
  now = new Date(),
): Promise<PaymentOutcome> {
  const bankId = headers[BANK_HEADERS.bankId] ?? '';
  const banks = await getBankSettings();
  const bank = Object.hasOwn(banks, bankId) ? banks[bankId] : undefined;
  const check = bank
    ? checkBankSignature(
        bank.secret,
        headers[BANK_HEADERS.timestamp],
        headers[BANK_HEADERS.signature],
        rawBody,
        Math.floor(now.getTime() / 1000),
      )
    : 'bad-signature';
  if (check === 'bad-signature') {
    throw rejected('BANK_SIGNATURE_INVALID', 'The bank signature is missing or does not match.');
  }
  if (check === 'stale') {
    throw rejected('BANK_TIMESTAMP_STALE', 'The signed timestamp is more than five minutes from our clock.');
  }
  let body: BankCallbackBody;
  try {
    body = BankCallbackBody.parse(JSON.parse(rawBody));
  } catch {
    throw new AppError(400, 'VALIDATION_FAILED', 'The bank callback body does not have the agreed shape.');
  }
  const amountSatang = satangFromBaht(body.amount);
  if (amountSatang === undefined) {
    throw new AppError(400, 'VALIDATION_FAILED', 'The amount must be baht with at most two decimals.');
  }
  return applyBankPayment(
    {
      bankId,
      transactionRef: body.transactionRef,
      billerId: body.billerId,
      ref1: body.ref1,
      ...(body.ref2 !== undefined && { ref2: body.ref2 }),
      amountSatang,
      paidAt: body.paidAt,
      via: 'callback',
    },
    now,
  );
}

const MAX_ATTEMPTS = 5;

/**
 * Applies one bank payment, from a callback or an inquiry answer. The transaction is recorded
 * first (its reference is the idempotency key), then settled against the bill in one conditional
 * write of the request: a lost race re-reads, so two reports of one payment apply it once, and a
 * second payment of a paid bill is flagged (a refund), never counted twice.
 */
export async function applyBankPayment(payment: BankPayment, now = new Date()): Promise<PaymentOutcome> {
  const key = paymentKey(payment.bankId, payment.transactionRef);
  const reportHash = sha256Hex(
    canonicalJson({
      billerId: payment.billerId,
      ref1: payment.ref1,
      ref2: payment.ref2 ?? null,
      amountSatang: payment.amountSatang,
    }),
  );
  const record: PaymentRecord = {
    ...key,
    bankId: payment.bankId,
    transactionRef: payment.transactionRef,
    ref1: payment.ref1,
    ...(payment.ref2 !== undefined && { ref2: payment.ref2 }),
    billerId: payment.billerId,
    amountSatang: payment.amountSatang,
    paidAt: payment.paidAt,
    receivedAt: toBangkokIso(now),
    via: payment.via,
    reportHash,
    outcome: 'RECEIVED',
  };
  const recorded = await recordPayment(record);
  if (!recorded.created) {
    const existing = recorded.existing;
    if (existing.reportHash !== reportHash) {
      // The same transaction reported with other content: a bank error or a forgery with a stolen key.
      metrics.addMetric('PaymentsFlagged', 'Count', 1);
      logger.error('bank transaction reported twice with different content', {
        bankId: payment.bankId,
        transactionRef: payment.transactionRef,
      });
      throw new AppError(
        409,
        'TRANSACTION_REF_REUSED',
        'This bank transaction reference was already reported with another bill or amount.',
      );
    }
    if (existing.outcome !== 'RECEIVED') {
      return {
        result: existing.outcome,
        transactionRef: payment.transactionRef,
        ...(existing.reason && { reason: existing.reason }),
        ...(existing.receiptNo && { receiptNo: existing.receiptNo }),
      };
    }
    // Recorded but not settled (the first attempt stopped half-way): settle it now.
  }

  const requestId = await requestIdOfBill(payment.ref1);
  if (!requestId) return flagRecord(key, payment, 'UNKNOWN_REFERENCE', 'unmatched');
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const item = await getRequest(requestId);
    if (!item) return flagRecord(key, payment, 'UNKNOWN_REFERENCE', 'unmatched');
    const settlement = settle(item, payment, now);
    if (settlement.outcome === 'already-applied') {
      const receiptNo = settlement.bill.payment?.receiptNo;
      await settlePaymentRecord(key, { outcome: 'APPLIED', requestId, ...(receiptNo && { receiptNo }) });
      return { result: 'APPLIED', transactionRef: payment.transactionRef, ...(receiptNo && { receiptNo }) };
    }
    if (settlement.outcome === 'flagged') {
      const bill = settlement.bill;
      if (
        bill &&
        !(await replaceRequest(flaggedItem(item, bill, settlement.reason, payment, now), item.version))
      ) {
        continue;
      }
      return flagRecord(key, payment, settlement.reason, bill?.agencyId ?? 'unmatched', requestId);
    }
    const next = paidItem(item, settlement.bill, now);
    if (!(await commitChange(item, next))) continue;
    metrics.addMetric('PaymentsApplied', 'Count', 1);
    if (next.status === 'SUBMITTED') await dispatchSubmitted(next);
    await settlePaymentRecord(key, { outcome: 'APPLIED', requestId, receiptNo: settlement.receiptNo });
    return { result: 'APPLIED', transactionRef: payment.transactionRef, receiptNo: settlement.receiptNo };
  }
  throw new Error(`payment ${payment.transactionRef}: request ${requestId} kept changing`);
}

async function flagRecord(
  key: { pk: string; sk: string },
  payment: BankPayment,
  reason: FlagReason,
  reviewAgencyId: string,
  requestId?: string,
): Promise<PaymentOutcome> {
  metrics.addMetric('PaymentsFlagged', 'Count', 1);
  logger.warn('bank payment flagged for review', {
    reason,
    bankId: payment.bankId,
    transactionRef: payment.transactionRef,
    ref1: payment.ref1,
  });
  await settlePaymentRecord(key, {
    outcome: 'FLAGGED',
    reason,
    reviewAgencyId,
    ...(requestId && { requestId }),
  });
  return { result: 'FLAGGED', transactionRef: payment.transactionRef, reason };
}

const FLAG_TEXT: Record<FlagReason, string> = {
  UNKNOWN_REFERENCE: 'the reference matches no bill',
  REFERENCE_MISMATCH: 'the biller id or ref2 does not match the bill',
  AMOUNT_MISMATCH: 'the amount paid differs from the bill',
  DUPLICATE_PAYMENT: 'the bill was already paid (refund due)',
  BILL_EXPIRED: 'the bill had expired',
  REQUEST_CLOSED: 'the request is no longer waiting for payment (refund due)',
  TRANSACTION_REF_REUSED: 'the transaction was reported twice with different content',
};

/** The request with a bill flagged, and a history entry so the citizen and the officer see it. */
function flaggedItem(
  item: RequestItem,
  bill: Bill,
  reason: FlagReason,
  p: BankPayment,
  now: Date,
): RequestItem {
  const at = toBangkokIso(now);
  const room = item.history.length < LIMITS.historyEntries;
  return {
    ...item,
    bills: withBill(item, bill),
    version: item.version + 1,
    updatedAt: at,
    history: room
      ? [
          ...item.history,
          {
            at,
            status: item.status,
            actor: 'system:payments',
            note: `Payment of ${formatBaht(p.amountSatang)} THB (bank ${p.bankId}, transaction ${p.transactionRef}) for bill ${bill.ref1} not applied: ${FLAG_TEXT[reason]}; flagged for review by ${bill.agencyId}`,
          },
        ]
      : item.history,
  };
}

/** The request once its bill is paid: a filing fee sends it on to routing, an assessed bill back to work. */
function paidItem(item: RequestItem, bill: Bill, now: Date): RequestItem {
  const paid = bill.payment;
  const note = `Paid ${formatBaht(paid?.amountSatang ?? 0)} THB (bank ${paid?.bankId}, transaction ${paid?.transactionRef}); receipt ${paid?.receiptNo}`;
  const actor = 'system:payments';
  if (bill.kind === 'assessed') {
    return applyTransition(
      item,
      { action: 'paid-resume', actor, now, note },
      { bills: withBill(item, bill), ...resumeClock(item, now, holidaySet()) },
    );
  }
  const service = referenceData.serviceByCode(item.serviceCode);
  return applyTransition(
    item,
    { action: 'paid', actor, now, note },
    {
      bills: withBill(item, bill),
      // The deadline clock starts when the request is complete: documents in and fee paid.
      ...(service && { dueAt: toBangkokIso(addWorkingDays(now, service.slaDays, holidaySet())) }),
      openProvince: item.provinceCode,
    },
  );
}

/** Inquire about a bill this long after it was issued (a lost callback is found within the hour)… */
const EARLY_INQUIRY = { fromMs: 10 * 60_000, toMs: 2 * 3_600_000 };
/** …and again when it is this close to expiry, and after. */
const NEAR_EXPIRY_MS = 24 * 3_600_000;

export interface BillReconciliation {
  readonly inquired: number;
  readonly applied: number;
  readonly flagged: number;
  readonly expired: number;
  readonly errors: number;
}

/**
 * Scheduled: for bills still unpaid shortly after issue or near expiry, asks the collecting bank
 * what it holds (a callback may have been lost) and applies what it reports through the same path
 * as a callback. A bill past its expiry that the bank reports unpaid is marked EXPIRED (the citizen
 * can have it reissued). Reads the byProvinceStatus index: never a scan.
 */
export async function reconcileBills(
  provinces: readonly string[],
  now = new Date(),
  options: { everyBill?: boolean } = {},
): Promise<BillReconciliation> {
  const totals = { inquired: 0, applied: 0, flagged: 0, expired: 0, errors: 0 };
  const t = now.getTime();
  for (const province of provinces) {
    const ids = await queryStaleByStatus(province, 'AWAITING_PAYMENT', toBangkokIso(new Date(t + 1000)));
    for (const requestId of ids) {
      const item = await getRequest(requestId);
      const bill = item && openBill(item);
      if (!item || !bill) continue;
      const age = t - Date.parse(bill.issuedAt);
      const toExpiry = Date.parse(bill.expiresAt) - t;
      const due =
        options.everyBill ||
        (age >= EARLY_INQUIRY.fromMs && age <= EARLY_INQUIRY.toMs) ||
        toExpiry <= NEAR_EXPIRY_MS;
      if (!due) continue;
      try {
        totals.inquired++;
        const { bankId } = billerFor(bill.agencyId);
        const answer = await inquireBank(bankId, { billerId: bill.billerId, ref1: bill.ref1 });
        for (const tx of answer.transactions) {
          const amountSatang = satangFromBaht(tx.amount);
          if (amountSatang === undefined || tx.ref1 !== bill.ref1) continue;
          const outcome = await applyBankPayment(
            {
              bankId,
              transactionRef: tx.transactionRef,
              billerId: tx.billerId,
              ref1: tx.ref1,
              ...(tx.ref2 !== undefined && { ref2: tx.ref2 }),
              amountSatang,
              paidAt: tx.paidAt,
              via: 'inquiry',
            },
            now,
          );
          if (outcome.result === 'APPLIED') totals.applied++;
          else totals.flagged++;
        }
        if (
          answer.transactions.length === 0 &&
          toExpiry < 0 &&
          (await expireBill(requestId, bill.billId, now))
        ) {
          totals.expired++;
        }
      } catch (error) {
        totals.errors++;
        logger.warn('bank inquiry failed', { requestId, ref1: bill.ref1, error: String(error) });
      }
    }
  }
  if (totals.applied > 0) metrics.addMetric('PaymentsRecoveredByInquiry', 'Count', totals.applied);
  return totals;
}

/** Marks an unpaid bill past its expiry EXPIRED, with a history entry (same status: the request still waits). */
async function expireBill(requestId: string, billId: string, now: Date): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const item = await getRequest(requestId);
    const bill = item?.bills?.find((b) => b.billId === billId);
    if (!item || !bill || (bill.status !== 'ISSUED' && bill.status !== 'FLAGGED')) return false;
    const at = toBangkokIso(now);
    const next: RequestItem = {
      ...item,
      bills: withBill(item, { ...bill, status: 'EXPIRED' }),
      version: item.version + 1,
      updatedAt: at,
      history:
        item.history.length < LIMITS.historyEntries
          ? [
              ...item.history,
              {
                at,
                status: item.status,
                actor: 'system:payments',
                note: `Bill ${bill.ref1} expired unpaid; ask for a new one to pay`,
              },
            ]
          : item.history,
    };
    if (await replaceRequest(next, item.version)) return true;
  }
  return false;
}

/**
 * The citizen asks for a new bill after theirs expired unpaid: the same amount with new
 * references and a new expiry (it counts once in the statistics: a reissue is the same charge).
 */
export async function reissueOwnBill(
  requestId: string,
  credential: CitizenCredential,
  billId: string,
  now = new Date(),
) {
  const item = await loadOwnRequest(requestId, credential);
  const old = item.bills?.find((b) => b.billId === billId);
  if (!old) throw notFound('No such bill.');
  if (item.status !== 'AWAITING_PAYMENT' || old.status !== 'EXPIRED' || openBill(item)) {
    throw new AppError(
      409,
      'BILL_NOT_EXPIRED',
      `Only an expired bill of a request waiting for payment can be reissued (this bill is ${old.status}, the request ${item.status}).`,
    );
  }
  if (item.history.length >= LIMITS.historyEntries) {
    throw new AppError(409, 'HISTORY_FULL', 'This request has no room left in its history.');
  }
  const bill = await issueBill(
    {
      kind: old.kind,
      agencyId: old.agencyId,
      amountSatang: old.amountSatang,
      requestId,
      ...(old.reason && { reason: old.reason }),
      ...(old.lines && { lines: old.lines }),
      reissueOf: old.billId,
    },
    now,
  );
  const at = toBangkokIso(now);
  const next: RequestItem = {
    ...item,
    bills: [...(item.bills ?? []), bill],
    version: item.version + 1,
    updatedAt: at,
    history: [
      ...item.history,
      {
        at,
        status: item.status,
        actor: 'citizen',
        note: `New bill ${bill.ref1} issued for expired bill ${old.ref1}`,
      },
    ],
  };
  if (!(await replaceRequest(next, item.version))) {
    throw new AppError(409, 'INVALID_TRANSITION', 'The request changed meanwhile. Reload it and try again.');
  }
  return await billView(bill);
}

/**
 * An agency's bills for officers: `unpaid` (its requests waiting for payment, filing fees it
 * collects included) or `flagged` (payments it must review: a wrong amount, a payment after
 * cancellation, a duplicate).
 */
export async function listAgencyBills(agencyId: string, provinceCode: string, state: 'unpaid' | 'flagged') {
  if (state === 'flagged') {
    return { items: (await flaggedPayments(agencyId)).map(paymentForReview) };
  }
  const ids = await queryStaleByStatus(
    provinceCode,
    'AWAITING_PAYMENT',
    toBangkokIso(new Date(Date.now() + 1000)),
  );
  const items = [];
  for (const id of ids.slice(0, 200)) {
    const item = await getRequest(id);
    const bill = item && openBill(item);
    if (!item || !bill || bill.agencyId !== agencyId) continue;
    items.push({
      requestId: item.requestId,
      serviceCode: item.serviceCode,
      bill: await billView(bill, false),
    });
  }
  return { items };
}

const paymentForReview = (r: PaymentRecord) => ({
  bankId: r.bankId,
  transactionRef: r.transactionRef,
  ref1: r.ref1,
  ...(r.ref2 && { ref2: r.ref2 }),
  amountThb: r.amountSatang / 100,
  paidAt: r.paidAt,
  receivedAt: r.receivedAt,
  reason: r.reason,
  ...(r.requestId && { requestId: r.requestId }),
  via: r.via,
});
