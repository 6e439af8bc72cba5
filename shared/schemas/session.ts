import * as z from 'zod';

/** A signed-in citizen's session, as stored: never the full citizen ID, never a ThaiD token. */
export const CitizenSession = z.object({
  citizenIdHash: z.string(),
  citizenIdMasked: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  /** ThaiD's identity assurance level. */
  ial: z.number().optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().optional(),
});
export type CitizenSession = z.infer<typeof CitizenSession>;
