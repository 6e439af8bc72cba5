import * as z from 'zod/mini';
import { isValidCitizenId, normaliseCitizenId } from '../domain/citizen-id.ts';
import { schema } from './define.ts';
import { BillView } from './payments.ts';
import { DetailValue, Location, RequestStatus } from './request.ts';
import { cleanText } from './text.ts';

/** Largest accepted JSON body for a submission; API Gateway allows far more, we need far less. */
export const MAX_SUBMISSION_BYTES = 32 * 1024;

export const Applicant = /* @__PURE__ */ schema(() =>
  z.strictObject({
    /** Required unless the citizen is signed in with ThaiD (then it comes from ThaiD). */
    citizenId: z.optional(
      z
        .pipe(z.string(), z.transform(normaliseCitizenId))
        .check(z.refine(isValidCitizenId, 'must be a 13-digit Thai citizen ID with a valid check digit')),
    ),
    firstName: z.optional(cleanText(100, { min: 1 })),
    lastName: z.optional(cleanText(100, { min: 1 })),
    phone: z.optional(
      z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9 -]{7,18}[0-9]$/, 'must be a phone number')),
    ),
    email: z.optional(z.email().check(z.maxLength(254))),
  }),
);

/** Body of `POST /v1/requests` (DESIGN.md §4). Catalogue-dependent rules live in the domain. */
/** An https URL of at most 2,000 characters, with no credentials in it. */
export const MediaUrl = /* @__PURE__ */ schema(() =>
  z.string().check(
    z.maxLength(2000),
    z.refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'https:' && !u.username && !u.password;
      } catch {
        return false;
      }
    }, 'must be an https URL (at most 2,000 characters, no credentials)'),
  ),
);

export const SubmitRequestBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    serviceCode: z.string().check(z.minLength(1), z.maxLength(64)),
    provinceCode: z.string().check(z.regex(/^\d{2}$/, 'must be a 2-digit province code')),
    districtCode: z.optional(z.string().check(z.regex(/^\d{4}$/, 'must be a 4-digit district code'))),
    /** The subdistrict (ตำบล / แขวง) the request concerns: 6-digit DOPA code, inside the district. */
    subdistrictCode: z.optional(z.string().check(z.regex(/^\d{6}$/, 'must be a 6-digit subdistrict code'))),
    applicant: Applicant,
    details: z.optional(z.record(z.string().check(z.maxLength(64)), DetailValue)),
    description: z.optional(cleanText(4000, { multiline: true })),
    location: z.optional(Location),
    /** A photo or page the citizen links (Open311 `media_url`): an https URL, shown to the agency and publicly. */
    mediaUrl: z.optional(MediaUrl),
  }),
);
export type SubmitRequestBody = z.infer<typeof SubmitRequestBody>;

export const SubmitRequestResponse = /* @__PURE__ */ schema(() =>
  z.object({
    requestId: z.string(),
    accessToken: z.string(),
    /** AWAITING_DOCUMENTS, AWAITING_PAYMENT or SUBMITTED when filed; an idempotent replay gives the status now. */
    status: RequestStatus,
    dueAt: z.string(),
    requiredDocuments: z.array(
      z.object({
        type: z.string(),
        nameTh: z.string(),
        nameEn: z.string(),
        contentTypes: z.array(z.string()),
        maxBytes: z.number(),
        optional: z.optional(z.boolean()),
      }),
    ),
    /** The fee to pay before the request goes to the agency (status AWAITING_PAYMENT), with its Thai QR. */
    bill: z.optional(BillView),
  }),
);
export type SubmitRequestResponse = z.infer<typeof SubmitRequestResponse>;

/** Idempotency-Key header: printable ASCII, 8–128 chars (UUIDs fit). */
export const IdempotencyKey = /* @__PURE__ */ schema(() =>
  z.string().check(z.regex(/^[\x21-\x7e]{8,128}$/, 'must be 8–128 printable ASCII characters')),
);
