import * as z from 'zod';
import { LIMITS } from '../domain/limits.ts';
import { cleanText } from './text.ts';

/** Body of `POST /v1/agencies/{agencyId}/requests/{id}/actions`. */
export const AgencyActionBody = z
  .object({
    action: z.enum(['accept', 'request-info', 'resume', 'complete', 'reject', 'forward', 'acknowledge']),
    note: cleanText(LIMITS.noteChars, { multiline: true }).optional(),
    toAgencyId: z.string().max(64).optional(),
    /** The inbox item's receipt handle: it works only for the request it was issued with. */
    receiptHandle: z.string().max(4096).optional(),
  })
  .strict();
