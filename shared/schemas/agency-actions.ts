import * as z from 'zod';
import { LIMITS } from '../domain/limits.ts';
import { schema } from './define.ts';
import { LandBuildingAssessment } from './payments.ts';
import { cleanText } from './text.ts';

/** Body of `POST /v1/agencies/{agencyId}/requests/{id}/actions`. */
export const AgencyActionBody = /* @__PURE__ */ schema(() =>
  z
    .object({
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
      note: cleanText(LIMITS.noteChars, { multiline: true }).optional(),
      /**
       * Publish the note: Open311 and other public views show its words with the status. Without it
       * they show only the standard status message (notes can hold names and numbers).
       */
      publish: z.boolean().optional(),
      toAgencyId: z.string().max(64).optional(),
      /** `bill`: the assessed amount in baht (at most two decimals)… */
      amountThb: z.number().positive().max(10_000_000_000).optional(),
      /** …or, for a formula fee billed on assessment (land and building tax), the assessment it prices. */
      assessment: LandBuildingAssessment.optional(),
      /** The inbox item's receipt handle: it works only for the request it was issued with. */
      receiptHandle: z.string().max(4096).optional(),
    })
    .strict(),
);

/** Body of `POST /v1/agencies/{agencyId}/requests/{id}/reveal`: why the full citizen ID is needed. */
export const RevealBody = /* @__PURE__ */ schema(() =>
  z.object({ reason: cleanText(LIMITS.noteChars, { min: 5 }) }).strict(),
);
