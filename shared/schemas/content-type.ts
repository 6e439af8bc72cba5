import * as z from 'zod';

/** The file types a service accepts as documents. */
export const ContentType = z.enum(['application/pdf', 'image/jpeg', 'image/png']);
export type ContentType = z.infer<typeof ContentType>;
