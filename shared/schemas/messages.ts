// zod/mini (see mini-english.ts): these internal shapes are all the router and the statistics
// retry validate (the router's bundle: 163 → 92 KB).
import * as z from 'zod/mini';
import { schema } from './define.ts';

/** Body of a message on a province's intake queue: a SUBMITTED request waiting to be routed. */
export const IntakeMessage = /* @__PURE__ */ schema(() =>
  z.object({
    requestId: z.uuid(),
    provinceCode: z.string().check(z.regex(/^\d{2}$/)),
  }),
);
export type IntakeMessage = z.infer<typeof IntakeMessage>;

/** Body of a message on an agency's queue: a request for that agency to pick up. */
export const AgencyMessage = /* @__PURE__ */ schema(() =>
  z.object({
    requestId: z.uuid(),
    agencyId: z.string(),
    /** Why it is in the inbox: newly routed (or forwarded) work, an overdue escalation copy, or the citizen's reply. */
    kind: z.enum(['routed', 'escalation', 'reply']),
    /** The request's version when sent; part of the deduplication id. */
    version: z.int(),
  }),
);
export type AgencyMessage = z.infer<typeof AgencyMessage>;

/** Body of a message on the statistics retry queue: counter deltas whose update failed. */
export const StatsRetryMessage = /* @__PURE__ */ schema(() =>
  z.object({
    requestId: z.string(),
    version: z.int(),
    provinceCode: z.string().check(z.regex(/^\d{2}$/)),
    serviceCode: z.string(),
    deltas: z.record(z.string(), z.number()),
  }),
);
export type StatsRetryMessage = z.infer<typeof StatsRetryMessage>;
