import * as z from 'zod';

export const StatsQuery = z
  .object({
    provinceCode: z
      .string()
      .regex(/^\d{2}$/, 'must be a 2-digit province code')
      .optional(),
  })
  .strict();
