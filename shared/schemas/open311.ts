import * as z from 'zod/mini';
import { schema } from './define.ts';
import { RequestStatus } from './request.ts';

/** One entry of mySociety's servicerequestupdates: a change of a request's public status. */
export const Open311Update = /* @__PURE__ */ schema(() =>
  z.object({
    /** `<requestId>:<history position>`: stable, so a client that asks twice stores it once. */
    update_id: z.string(),
    service_request_id: z.string(),
    status: z.string(),
    updated_datetime: z.string(),
    description: z.string(),
    media_url: z.nullable(z.string()),
    external_status_code: z.string(),
  }),
);
export type Open311Update = z.infer<typeof Open311Update>;

/**
 * A change of a request's public status, as the change log keeps it: the facts, not the words
 * (Open311's update is made from it when read, so the log stays small and the standard wording
 * can change).
 */
export const PublicChange = /* @__PURE__ */ schema(() =>
  z.object({
    requestId: z.string(),
    /** The history entry's position: with the request id, the update's stable id. */
    index: z.int(),
    status: RequestStatus,
    at: z.string(),
    /** The officer's words, only when published. */
    note: z.optional(z.string()),
  }),
);
export type PublicChange = z.infer<typeof PublicChange>;

/** What one item of a province's change log holds (its `changes` attribute, as JSON). */
export const PublicChangeLogChanges = /* @__PURE__ */ schema(() => z.array(PublicChange));
