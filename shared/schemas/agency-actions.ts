import * as z from 'zod/mini';
import { LIMITS } from '../domain/limits.ts';
import { schema } from './define.ts';
import { LandBuildingAssessment } from './payments.ts';
import { cleanText } from './text.ts';

/** Body of `POST /v1/agencies/{agencyId}/requests/{id}/actions`. */
export const AgencyActionBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    action: z.enum([
      'accept',
      'request-info',
      'resume',
      'bill',
      'complete',
      'reject',
      'forward',
      'acknowledge',
    ]),
    note: z.optional(cleanText(LIMITS.noteChars, { multiline: true })),
    /**
     * Publish the note: Open311 and other public views show its words with the status. Without it
     * they show only the standard status message (notes can hold names and numbers).
     */
    publish: z.optional(z.boolean()),
    toAgencyId: z.optional(z.string().check(z.maxLength(64))),
    /** `bill`: the assessed amount in baht (at most two decimals)… */
    amountThb: z.optional(z.number().check(z.positive(), z.maximum(10_000_000_000))),
    /** …or, for a formula fee billed on assessment (land and building tax), the assessment it prices. */
    assessment: z.optional(LandBuildingAssessment),
    /** The inbox item's receipt handle: it works only for the request it was issued with. */
    receiptHandle: z.optional(z.string().check(z.maxLength(4096))),
  }),
);

/** Body of `POST /v1/agencies/{agencyId}/requests/{id}/reveal`: why the full citizen ID is needed. */
export const RevealBody = /* @__PURE__ */ schema(() =>
  z.strictObject({ reason: cleanText(LIMITS.noteChars, { min: 5 }) }),
);
