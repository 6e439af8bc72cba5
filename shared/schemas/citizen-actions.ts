import * as z from 'zod/mini';
import { LIMITS } from '../domain/limits.ts';
import { schema } from './define.ts';
import { cleanText } from './text.ts';

export const CancelBody = /* @__PURE__ */ schema(() =>
  z.strictObject({ reason: z.optional(cleanText(LIMITS.noteChars, { multiline: true })) }),
);

/** Body of `POST /v1/requests/{id}/reply`: the citizen's answer to a request for information. */
export const ReplyBody = /* @__PURE__ */ schema(() =>
  z.strictObject({ message: cleanText(LIMITS.noteChars, { multiline: true, min: 1 }) }),
);

export const RatingBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    score: z.int().check(z.minimum(1), z.maximum(5)),
    comment: z.optional(cleanText(LIMITS.noteChars, { multiline: true })),
  }),
);

/** Body of `POST /v1/requests/{id}/documents`. */
export const StartUploadBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    type: z.string().check(z.minLength(1), z.maxLength(64)),
    contentType: z.string().check(z.minLength(1), z.maxLength(100)),
    sizeBytes: z.int().check(z.positive()),
  }),
);
