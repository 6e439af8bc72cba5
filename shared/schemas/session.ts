import * as z from 'zod/mini';
import { schema } from './define.ts';
import { SealedCitizenId } from './request.ts';

/** A signed-in citizen's session, as stored: the full citizen ID only sealed, never a ThaiD token. */
export const CitizenSession = /* @__PURE__ */ schema(() =>
  z.object({
    citizenIdHash: z.string(),
    citizenIdMasked: z.string(),
    /** The ID ThaiD vouched for, sealed (see citizen-id-vault): copied onto what the citizen files. */
    citizenIdSealed: z.optional(SealedCitizenId),
    firstName: z.string(),
    lastName: z.string(),
    /** ThaiD's identity assurance level. */
    ial: z.optional(z.number()),
    createdAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.optional(z.string()),
  }),
);
export type CitizenSession = z.infer<typeof CitizenSession>;
