import * as z from 'zod';

/** Body of `POST /v1/requests/{id}/documents`. */
export const StartUploadBody = z
  .object({
    type: z.string().min(1).max(64),
    contentType: z.string().min(1).max(100),
    sizeBytes: z.number().int().positive(),
  })
  .strict();
