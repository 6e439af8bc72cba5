import * as z from 'zod';
import { schema } from '../../shared/schemas/define.ts';

export const StatsQuery = /* @__PURE__ */ schema(() =>
  z
    .object({
      provinceCode: z
        .string()
        .regex(/^\d{2}$/, 'must be a 2-digit province code')
        .optional(),
    })
    .strict(),
);
