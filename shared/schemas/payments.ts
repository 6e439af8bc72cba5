import * as z from 'zod/mini';
import { schema } from './define.ts';

/** Money is held in satang (1/100 baht) as integers: never a floating-point amount on the record. */
export const Satang = /* @__PURE__ */ schema(() =>
  z.int().check(z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER)),
);

/** Bank bill-payment references: 1–20 of A–Z and 0–9 (EMVCo Thai QR tag 30, sub-tags 02/03). */
export const BillRef = /* @__PURE__ */ schema(() => z.string().check(z.regex(/^[A-Z0-9]{1,20}$/)));

export const BillStatus = /* @__PURE__ */ schema(() =>
  z.enum(['ISSUED', 'PAID', 'FLAGGED', 'EXPIRED', 'VOID']),
);
export type BillStatus = z.infer<typeof BillStatus>;

/** Why a bank's payment was not applied: each needs a person (a refund, a correction). */
export const FlagReason = /* @__PURE__ */ schema(() =>
  z.enum([
    'UNKNOWN_REFERENCE',
    'REFERENCE_MISMATCH',
    'AMOUNT_MISMATCH',
    'DUPLICATE_PAYMENT',
    'BILL_EXPIRED',
    'REQUEST_CLOSED',
    'TRANSACTION_REF_REUSED',
  ]),
);
export type FlagReason = z.infer<typeof FlagReason>;

export const BillLine = /* @__PURE__ */ schema(() =>
  z.object({
    labelTh: z.string(),
    labelEn: z.string(),
    amountSatang: z.int(),
  }),
);
export type BillLine = z.infer<typeof BillLine>;

export const BillPayment = /* @__PURE__ */ schema(() =>
  z.object({
    bankId: z.string(),
    transactionRef: z.string(),
    paidAt: z.string(),
    amountSatang: Satang,
    receiptNo: z.string(),
    /** How OSS learnt of it: the bank's callback, or the reconciler's inquiry when a callback was lost. */
    via: z.enum(['callback', 'inquiry']),
  }),
);
export type BillPayment = z.infer<typeof BillPayment>;

export const BillFlag = /* @__PURE__ */ schema(() =>
  z.object({
    at: z.string(),
    reason: FlagReason,
    bankId: z.string(),
    transactionRef: z.string(),
    amountSatang: Satang,
  }),
);
export type BillFlag = z.infer<typeof BillFlag>;

/** A bill as stored inside its request (DESIGN.md §10); its id is its ref1, unique across OSS. */
export const Bill = /* @__PURE__ */ schema(() =>
  z.object({
    billId: BillRef,
    /** `filing`: the service's fee, due before the request goes to the agency; `assessed`: billed by the agency. */
    kind: z.enum(['filing', 'assessed']),
    /** The collecting agency and its bank biller id (tax id + suffix, 15 digits). */
    agencyId: z.string(),
    billerId: z.string().check(z.regex(/^\d{15}$/)),
    amountSatang: Satang,
    ref1: BillRef,
    ref2: BillRef,
    issuedAt: z.string(),
    expiresAt: z.string(),
    status: BillStatus,
    /** What is billed, in words (the officer's reason for an assessed bill). */
    reason: z.optional(z.string()),
    /** How the amount was computed, line by line (a formula's bands, the rate applied). */
    lines: z.optional(z.array(BillLine)),
    /** The expired bill this one replaces (a reissue is not new billing in the statistics). */
    reissueOf: z.optional(BillRef),
    payment: z.optional(BillPayment),
    flags: z.optional(z.array(BillFlag)),
  }),
);
export type Bill = z.infer<typeof Bill>;

/** What a citizen and an officer see of a bill: the stored bill plus the amounts in words and the QR. */
export const BillView = /* @__PURE__ */ schema(() =>
  z.object({
    billId: BillRef,
    kind: z.enum(['filing', 'assessed']),
    agencyId: z.string(),
    amountThb: z.number(),
    amountSatang: Satang,
    /** The amount in Thai words, as printed on a receipt (บาทถ้วน). */
    amountTextTh: z.string(),
    ref1: BillRef,
    ref2: BillRef,
    billerId: z.string(),
    /** EMVCo Thai QR tag-30 bill payment; present while the bill can be paid. */
    qrPayload: z.optional(z.string()),
    /** The same payload as an SVG QR code, ready to show. */
    qrSvg: z.optional(z.string()),
    issuedAt: z.string(),
    expiresAt: z.string(),
    status: BillStatus,
    reason: z.optional(z.string()),
    lines: z.optional(z.array(BillLine)),
    reissueOf: z.optional(BillRef),
    receipt: z.optional(
      z.object({
        receiptNo: z.string(),
        paidAt: z.string(),
        amountThb: z.number(),
        amountTextTh: z.string(),
        bankId: z.string(),
        transactionRef: z.string(),
      }),
    ),
    flags: z.optional(z.array(BillFlag)),
  }),
);
export type BillView = z.infer<typeof BillView>;

/** A bank amount: baht with at most two decimals, as a JSON string ("1234.50") or number. */
const BankAmount = /* @__PURE__ */ schema(() =>
  z.union([
    z.string().check(z.regex(/^\d{1,13}(\.\d{1,2})?$/)),
    z.number().check(z.nonnegative(), z.maximum(1e13)),
  ]),
);

/** Body of `POST /v1/payments/bank-callback` (signed by the bank; see docs/payments.md). */
export const BankCallbackBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    transactionRef: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
    billerId: z.string().check(z.regex(/^\d{15}$/)),
    ref1: BillRef,
    ref2: z.optional(BillRef),
    amount: BankAmount,
    paidAt: z.iso.datetime({ offset: true }),
  }),
);
export type BankCallbackBody = z.infer<typeof BankCallbackBody>;

/** The bank's answer to an inquiry for a bill: every transaction it holds for that ref1. */
export const BankInquiryAnswer = /* @__PURE__ */ schema(() =>
  z.object({
    transactions: z.array(
      z.object({
        transactionRef: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)),
        billerId: z.string(),
        ref1: BillRef,
        ref2: z.optional(BillRef),
        amount: BankAmount,
        paidAt: z.iso.datetime({ offset: true }),
      }),
    ),
  }),
);

/** A payment as the bank reported it, recorded once per bank transaction (the idempotency key). */
export const PaymentRecord = /* @__PURE__ */ schema(() =>
  z.object({
    pk: z.string(),
    sk: z.literal('PAYMENT'),
    bankId: z.string(),
    transactionRef: z.string(),
    ref1: z.string(),
    ref2: z.optional(z.string()),
    billerId: z.string(),
    amountSatang: Satang,
    paidAt: z.string(),
    receivedAt: z.string(),
    via: z.enum(['callback', 'inquiry']),
    /** SHA-256 of the canonical report: the same transaction reference with other content is refused. */
    reportHash: z.string(),
    outcome: z.enum(['RECEIVED', 'APPLIED', 'FLAGGED']),
    reason: z.optional(FlagReason),
    requestId: z.optional(z.string()),
    receiptNo: z.optional(z.string()),
    /** Set only while flagged: the agency that must review it (`unmatched` when no bill is known). */
    reviewAgencyId: z.optional(z.string()),
  }),
);
export type PaymentRecord = z.infer<typeof PaymentRecord>;

/** Body of the agency action `bill` (DESIGN.md §5): an amount, or an assessment the catalogue's formula prices. */
export const LandBuildingAssessment = /* @__PURE__ */ schema(() =>
  z.strictObject({
    appraisedValueThb: z.number().check(z.nonnegative(), z.maximum(1e12)),
    use: z.enum(['agricultural', 'residential', 'other', 'vacant']),
    /** Residential only: the owner's main residence (exempt up to 50 M THB with its land, 10 M for the building only). */
    mainResidence: z.optional(z.enum(['land-and-building', 'building-only'])),
    /** Vacant only: consecutive years left vacant (0.3 % more per three years, at most 3 %). */
    vacantYears: z.optional(z.int().check(z.minimum(0), z.maximum(100))),
  }),
);
export type LandBuildingAssessment = z.infer<typeof LandBuildingAssessment>;

/** Query of `GET /v1/agencies/{agencyId}/bills`. */
export const AgencyBillsQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({ state: z._default(z.enum(['unpaid', 'flagged']), 'unpaid') }),
);
