import * as z from 'zod';
import { schema } from '../../shared/schemas/define.ts';
import { RequestStatus } from '../../shared/schemas/request.ts';

export const InboxQuery = /* @__PURE__ */ schema(() =>
  z
    .object({
      max: z.coerce.number().int().min(1).max(10).default(10),
      waitSeconds: z.coerce.number().int().min(0).max(20).default(0),
    })
    .strict(),
);

/** `status` in any case (`in-progress`, `IN_PROGRESS`); `cursor` continues a page; `overdue=true` only late ones. */
export const ListQuery = /* @__PURE__ */ schema(() =>
  z
    .object({
      status: z
        .preprocess(
          (v) => (typeof v === 'string' ? v.trim().toUpperCase().replaceAll('-', '_') : v),
          RequestStatus,
        )
        .optional(),
      serviceCode: z
        .string()
        .regex(/^[a-z][a-z0-9-]{0,63}$/)
        .optional(),
      overdue: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().max(2048).optional(),
    })
    .strict(),
);
