import * as z from 'zod';

/** Body of `POST /v1/agencies/{agencyId}/requests/{id}/actions`. */
export const AgencyActionBody = z
  .object({
    action: z.enum(['accept', 'request-info', 'resume', 'complete', 'reject', 'forward']),
    note: z.string().trim().max(2000).optional(),
    toAgencyId: z.string().max(64).optional(),
    receiptHandle: z.string().max(4096).optional(),
  })
  .strict();
