import * as z from 'zod/mini';
import { schema } from './define.ts';

/** The file types a service accepts as documents. */
export const ContentType = /* @__PURE__ */ schema(() =>
  z.enum(['application/pdf', 'image/jpeg', 'image/png']),
);
export type ContentType = z.infer<typeof ContentType>;
