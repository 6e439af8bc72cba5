import * as z from 'zod/mini';
import { schema } from '../../shared/schemas/define.ts';

export const StatsQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    provinceCode: z.optional(z.string().check(z.regex(/^\d{2}$/, 'must be a 2-digit province code'))),
  }),
);
