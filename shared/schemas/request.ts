import * as z from 'zod';
import { ContentType } from './content-type.ts';
import { schema } from './define.ts';
import { Bill, BillView } from './payments.ts';
import { cleanText } from './text.ts';

/** DESIGN.md §5 lifecycle. */
export const RequestStatus = /* @__PURE__ */ schema(() =>
  z.enum([
    'AWAITING_DOCUMENTS',
    'AWAITING_PAYMENT',
    'SUBMITTED',
    'ROUTED',
    'IN_PROGRESS',
    'NEEDS_INFO',
    'COMPLETED',
    'REJECTED',
    'CANCELLED',
  ]),
);
export type RequestStatus = z.infer<typeof RequestStatus>;

export const IsoDateTime = /* @__PURE__ */ schema(() => z.iso.datetime({ offset: true }));

/** Who did something: the citizen, an agency (by id), or the system (router, sweeper…). */
export const Actor = /* @__PURE__ */ schema(() =>
  z.string().regex(/^(citizen|system:[a-z-]+|agency:[a-z0-9-]+)$/),
);

export const HistoryEntry = /* @__PURE__ */ schema(() =>
  z.object({
    at: IsoDateTime,
    status: RequestStatus,
    actor: Actor,
    note: z.string().optional(),
    /** The officer published this step's note: public views (Open311) show its words. */
    public: z.boolean().optional(),
    /** A client's own id for the entry (Open311 `update_id`), so a retried POST records it once. */
    ref: z.string().optional(),
  }),
);
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const DocumentStatus = /* @__PURE__ */ schema(() =>
  z.enum(['PENDING_UPLOAD', 'VERIFIED', 'REJECTED']),
);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const DocumentRecord = /* @__PURE__ */ schema(() =>
  z.object({
    documentId: z.string(),
    type: z.string(),
    contentType: ContentType,
    sizeBytes: z.number().int().positive(),
    status: DocumentStatus,
    reason: z.string().optional(),
    key: z.string(),
    createdAt: IsoDateTime,
    verifiedAt: IsoDateTime.optional(),
    /** Where the verifier stored exactly the bytes it judged; agencies are served only this copy. */
    verifiedKey: z.string().optional(),
    /** SHA-256 of the verified bytes, for the record. */
    sha256: z.string().optional(),
    /** An optional document (its slot stays open until the request is finished). */
    optional: z.boolean().optional(),
  }),
);
export type DocumentRecord = z.infer<typeof DocumentRecord>;

/**
 * Where: a point (lat and lon together), an address as written, or a client's address id (Open311's
 * `address_id`, e.g. a land parcel or house registration number); at least one of them.
 */
export const Location = /* @__PURE__ */ schema(() =>
  z
    .object({
      lat: z.number().min(-90).max(90).optional(),
      lon: z.number().min(-180).max(180).optional(),
      address: cleanText(500, { min: 1 }).optional(),
      addressId: cleanText(100, { min: 1 }).optional(),
    })
    .refine((l) => (l.lat === undefined) === (l.lon === undefined), {
      message: 'give lat and lon together',
      path: ['lat'],
    })
    .refine((l) => l.lat !== undefined || l.address !== undefined || l.addressId !== undefined, {
      message: 'give a point (lat, lon), an address or an address id',
    }),
);
export type Location = z.infer<typeof Location>;

export const DetailValue = /* @__PURE__ */ schema(() =>
  z.union([z.string(), z.number(), z.array(z.string())]),
);
export type DetailValue = z.infer<typeof DetailValue>;

/**
 * A full citizen ID sealed with AES-256-GCM under a KMS data key: `keyId` names the data key's
 * KMS-encrypted copy, stored once in the table (`DATAKEY#<keyId>`) instead of in every record
 * (about 250 bytes each); records sealed earlier carry the copy itself in `key`.
 */
export const SealedCitizenId = /* @__PURE__ */ schema(() =>
  z
    .object({ key: z.string().optional(), keyId: z.string().optional(), iv: z.string(), data: z.string() })
    .refine((s) => s.key !== undefined || s.keyId !== undefined, { message: 'names no data key' }),
);
export type SealedCitizenId = z.infer<typeof SealedCitizenId>;

/**
 * The applicant as stored: the citizen ID as a keyed hash (lookups) and a masked form (what
 * everyone sees), and sealed, for the assigned agency to reveal on purpose with a reason.
 */
export const StoredApplicant = /* @__PURE__ */ schema(() =>
  z.object({
    citizenIdHash: z.string(),
    citizenIdMasked: z.string(),
    citizenIdSealed: SealedCitizenId.optional(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string().optional(),
    email: z.string().optional(),
  }),
);
export type StoredApplicant = z.infer<typeof StoredApplicant>;

/** The request entity as stored in the requests table: one item, history inside. */
export const RequestItem = /* @__PURE__ */ schema(() =>
  z.object({
    pk: z.string(),
    sk: z.string(),
    requestId: z.string(),
    serviceCode: z.string(),
    /** The catalogue version of the service the request was filed under (a hash of its definition). */
    serviceVersion: z.string().optional(),
    provinceCode: z.string(),
    districtCode: z.string().optional(),
    subdistrictCode: z.string().optional(),
    status: RequestStatus,
    agencyId: z.string().optional(),
    applicant: StoredApplicant,
    details: z.record(z.string(), DetailValue),
    description: z.string().optional(),
    location: Location.optional(),
    mediaUrl: z.string().optional(),
    documents: z.array(DocumentRecord),
    /** Bills for the service's fee or an agency's assessment (DESIGN.md §10), newest last. */
    bills: z.array(Bill).optional(),
    history: z.array(HistoryEntry).min(1),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    dueAt: IsoDateTime,
    /** The citizen's keyed hash when their identity was proven (ThaiD, counter): the byCitizen index. */
    citizenHash: z.string().optional(),
    /** Where it was filed: online (the API), at an OSS counter for a walk-in citizen, or through Open311. */
    channel: z.enum(['online', 'counter', 'open311']).optional(),
    /** Optimistic-concurrency counter: every transition is conditional on it. */
    version: z.number().int().nonnegative(),
    /** SHA-256 of the citizen's access token; the token itself is never stored. */
    tokenHash: z.string(),
    /** SHA-256 of the canonical submission, to tell an idempotent replay from key reuse (only with a key). */
    submissionHash: z.string().optional(),
    /** Present while unfinished: feeds the `openByDeadline` index. */
    openProvince: z.string().optional(),
    rating: z.lazy(() => Rating).optional(),
    /** Set once the deadline passed unfinished (by the SLA sweeper). */
    overdue: z.boolean().optional(),
    /** When the Damrongdhama centre acknowledged the overdue escalation. */
    escalationAcknowledgedAt: IsoDateTime.optional(),
    /** When an agency first accepted the request: from then on the citizen cannot cancel (DESIGN §5). */
    acceptedAt: IsoDateTime.optional(),
    /** How often the reconciler re-sent this SUBMITTED request to its intake queue. */
    intakeResends: z.number().int().nonnegative().optional(),
    /** Set when routing gave up after repeated re-sends: operators must look (intake DLQ). */
    routingFailedAt: IsoDateTime.optional(),
    /** When the agency asked the citizen for information: the deadline clock stops until resume. */
    clockPausedAt: IsoDateTime.optional(),
    /** `<province>#<status>`: partition key of the `byProvinceStatus` index. */
    provinceStatus: z.string().optional(),
    /**
     * When the request's public status (what Open311 shows) last changed: sort key of the
     * `byProvinceChanged` index that Open311's servicerequestupdates reads. Steps that keep the public
     * status (routing, a reply, a rating) leave it, so they do not rewrite that index entry.
     */
    publicStatusAt: IsoDateTime.optional(),
    /** `open#<createdAt>` or `done#<createdAt>` while assigned to an agency: sort key of the `byAgency` index. */
    agencyListKey: z.string().optional(),
  }),
);
export type RequestItem = z.infer<typeof RequestItem>;

/** What the citizen sees (DESIGN.md §4 GET /v1/requests/{id}). */
export const CitizenDocumentView = /* @__PURE__ */ schema(() =>
  z.object({
    documentId: z.string(),
    type: z.string(),
    contentType: ContentType,
    sizeBytes: z.number(),
    status: DocumentStatus,
    reason: z.string().optional(),
    /** The rejection reason in Thai. */
    reasonTh: z.string().optional(),
  }),
);

/** A history entry as people read it: the note in Thai beside the English where the system wrote it. */
export const HistoryEntryView = /* @__PURE__ */ schema(() =>
  HistoryEntry.extend({ noteTh: z.string().optional() }),
);

/** A status in words, Thai and English. */
export const StatusLabel = /* @__PURE__ */ schema(() => z.object({ th: z.string(), en: z.string() }));

export const CitizenRequestView = /* @__PURE__ */ schema(() =>
  z.object({
    requestId: z.string(),
    serviceCode: z.string(),
    serviceVersion: z.string().optional(),
    provinceCode: z.string(),
    districtCode: z.string().optional(),
    subdistrictCode: z.string().optional(),
    status: RequestStatus,
    statusLabel: StatusLabel,
    agencyId: z.string().optional(),
    /** The citizen's own filing, in full (the citizen ID masked): what they gave is theirs to see. */
    applicant: z.object({
      citizenId: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      phone: z.string().optional(),
      email: z.string().optional(),
    }),
    details: z.record(z.string(), DetailValue),
    description: z.string().optional(),
    location: Location.optional(),
    mediaUrl: z.string().optional(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    dueAt: IsoDateTime,
    documents: z.array(CitizenDocumentView),
    bills: z.array(BillView).optional(),
    history: z.array(HistoryEntryView),
    rating: z.lazy(() => Rating).optional(),
    overdue: z.boolean().optional(),
    channel: z.enum(['online', 'counter', 'open311']).optional(),
    /** Routing failed repeatedly; the operators were alerted. */
    routingFailed: z.boolean().optional(),
  }),
);
export type CitizenRequestView = z.infer<typeof CitizenRequestView>;

/** A citizen's rating of a finished request. */
export const Rating = /* @__PURE__ */ schema(() =>
  z.object({
    score: z.number().int().min(1).max(5),
    comment: z.string().optional(),
    at: IsoDateTime,
  }),
);
export type Rating = z.infer<typeof Rating>;

/** What the assigned agency sees: everything needed to do the work, still no full citizen ID. */
export const AgencyRequestView = /* @__PURE__ */ schema(() =>
  CitizenRequestView.extend({
    rating: Rating.optional(),
    /** The agency handled this request before and may read it; another agency holds it now. */
    readOnly: z.boolean().optional(),
  }),
);
export type AgencyRequestView = z.infer<typeof AgencyRequestView>;

/** One line of an agency's request list: what the byAgency index projects (AGENCY_LIST_ATTRIBUTES). */
export const AgencyListItem = /* @__PURE__ */ schema(() =>
  z.object({
    requestId: z.string(),
    serviceCode: z.string(),
    provinceCode: z.string(),
    districtCode: z.string().optional(),
    status: RequestStatus,
    createdAt: IsoDateTime,
    dueAt: IsoDateTime,
    overdue: z.boolean().optional(),
  }),
);
export type AgencyListItem = z.infer<typeof AgencyListItem>;
