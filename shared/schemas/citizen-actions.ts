import * as z from 'zod';
import { LIMITS } from '../domain/limits.ts';
import { schema } from './define.ts';
import { cleanText } from './text.ts';

export const CancelBody = /* @__PURE__ */ schema(() =>
  z.object({ reason: cleanText(LIMITS.noteChars, { multiline: true }).optional() }).strict(),
);

/** Body of `POST /v1/requests/{id}/reply`: the citizen's answer to a request for information. */
export const ReplyBody = /* @__PURE__ */ schema(() =>
  z.object({ message: cleanText(LIMITS.noteChars, { multiline: true, min: 1 }) }).strict(),
);

export const RatingBody = /* @__PURE__ */ schema(() =>
  z
    .object({
      score: z.number().int().min(1).max(5),
      comment: cleanText(LIMITS.noteChars, { multiline: true }).optional(),
    })
    .strict(),
);

/** Body of `POST /v1/requests/{id}/documents`. */
export const StartUploadBody = /* @__PURE__ */ schema(() =>
  z
    .object({
      type: z.string().min(1).max(64),
      contentType: z.string().min(1).max(100),
      sizeBytes: z.number().int().positive(),
    })
    .strict(),
);
