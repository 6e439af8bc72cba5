import * as z from 'zod/mini';
import { schema } from '../../shared/schemas/define.ts';
import { RequestStatus } from '../../shared/schemas/request.ts';

/** A whole number from a query string, within bounds, with a default when absent. */
const queryInt = (min: number, max: number, fallback: number) =>
  z._default(z.pipe(z.coerce.number(), z.int().check(z.minimum(min), z.maximum(max))), fallback);

export const InboxQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    max: queryInt(1, 10, 10),
    waitSeconds: queryInt(0, 20, 0),
  }),
);

/** `status` in any case (`in-progress`, `IN_PROGRESS`); `cursor` continues a page; `overdue=true` only late ones. */
export const ListQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    status: z.optional(
      z.pipe(
        z.transform((v: unknown) =>
          typeof v === 'string' ? v.trim().toUpperCase().replaceAll('-', '_') : v,
        ),
        RequestStatus,
      ),
    ),
    serviceCode: z.optional(z.string().check(z.regex(/^[a-z][a-z0-9-]{0,63}$/))),
    overdue: z.optional(z.enum(['true', 'false'])),
    limit: queryInt(1, 100, 50),
    cursor: z.optional(z.string().check(z.maxLength(2048))),
  }),
);
