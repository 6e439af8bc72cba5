import * as z from 'zod';
import { RequestStatus } from '../../shared/schemas/request.ts';

export const InboxQuery = z
  .object({
    max: z.coerce.number().int().min(1).max(10).default(10),
    waitSeconds: z.coerce.number().int().min(0).max(20).default(0),
  })
  .strict();

export const ListQuery = z.object({ status: RequestStatus.optional() }).strict();
