import * as z from 'zod/mini';
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
  z.string().check(z.regex(/^(citizen|system:[a-z-]+|agency:[a-z0-9-]+)$/)),
);

export const HistoryEntry = /* @__PURE__ */ schema(() =>
  z.object({
    at: IsoDateTime,
    status: RequestStatus,
    actor: Actor,
    note: z.optional(z.string()),
    /** The officer published this step's note: public views (Open311) show its words. */
    public: z.optional(z.boolean()),
    /** A client's own id for the entry (Open311 `update_id`), so a retried POST records it once. */
    ref: z.optional(z.string()),
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
    sizeBytes: z.int().check(z.positive()),
    status: DocumentStatus,
    reason: z.optional(z.string()),
    key: z.string(),
    createdAt: IsoDateTime,
    verifiedAt: z.optional(IsoDateTime),
    /** Where the verifier stored exactly the bytes it judged; agencies are served only this copy. */
    verifiedKey: z.optional(z.string()),
    /** SHA-256 of the verified bytes, for the record. */
    sha256: z.optional(z.string()),
    /** An optional document (its slot stays open until the request is finished). */
    optional: z.optional(z.boolean()),
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
      lat: z.optional(z.number().check(z.minimum(-90), z.maximum(90))),
      lon: z.optional(z.number().check(z.minimum(-180), z.maximum(180))),
      address: z.optional(cleanText(500, { min: 1 })),
      addressId: z.optional(cleanText(100, { min: 1 })),
    })
    .check(
      z.refine((l) => (l.lat === undefined) === (l.lon === undefined), {
        message: 'give lat and lon together',
        path: ['lat'],
      }),
      z.refine((l) => l.lat !== undefined || l.address !== undefined || l.addressId !== undefined, {
        message: 'give a point (lat, lon), an address or an address id',
      }),
    ),
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
    .object({ key: z.optional(z.string()), keyId: z.optional(z.string()), iv: z.string(), data: z.string() })
    .check(z.refine((s) => s.key !== undefined || s.keyId !== undefined, { message: 'names no data key' })),
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
    citizenIdSealed: z.optional(SealedCitizenId),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.optional(z.string()),
    email: z.optional(z.string()),
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
    serviceVersion: z.optional(z.string()),
    provinceCode: z.string(),
    districtCode: z.optional(z.string()),
    subdistrictCode: z.optional(z.string()),
    status: RequestStatus,
    agencyId: z.optional(z.string()),
    applicant: StoredApplicant,
    details: z.record(z.string(), DetailValue),
    description: z.optional(z.string()),
    location: z.optional(Location),
    mediaUrl: z.optional(z.string()),
    documents: z.array(DocumentRecord),
    /** Bills for the service's fee or an agency's assessment (DESIGN.md §10), newest last. */
    bills: z.optional(z.array(Bill)),
    history: z.array(HistoryEntry).check(z.minLength(1)),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    dueAt: IsoDateTime,
    /** The citizen's keyed hash when their identity was proven (ThaiD, counter): the byCitizen index. */
    citizenHash: z.optional(z.string()),
    /** Where it was filed: online (the API), at an OSS counter for a walk-in citizen, or through Open311. */
    channel: z.optional(z.enum(['online', 'counter', 'open311'])),
    /** Optimistic-concurrency counter: every transition is conditional on it. */
    version: z.int().check(z.nonnegative()),
    /** SHA-256 of the citizen's access token; the token itself is never stored. */
    tokenHash: z.string(),
    /** SHA-256 of the canonical submission, to tell an idempotent replay from key reuse (only with a key). */
    submissionHash: z.optional(z.string()),
    /** Present while unfinished: feeds the `openByDeadline` index. */
    openProvince: z.optional(z.string()),
    rating: z.optional(z.lazy(() => Rating)),
    /** Set once the deadline passed unfinished (by the SLA sweeper). */
    overdue: z.optional(z.boolean()),
    /** When the Damrongdhama centre acknowledged the overdue escalation. */
    escalationAcknowledgedAt: z.optional(IsoDateTime),
    /** When an agency first accepted the request: from then on the citizen cannot cancel (DESIGN §5). */
    acceptedAt: z.optional(IsoDateTime),
    /** How often the reconciler re-sent this SUBMITTED request to its intake queue. */
    intakeResends: z.optional(z.int().check(z.nonnegative())),
    /** Set when routing gave up after repeated re-sends: operators must look (intake DLQ). */
    routingFailedAt: z.optional(IsoDateTime),
    /** When the agency asked the citizen for information: the deadline clock stops until resume. */
    clockPausedAt: z.optional(IsoDateTime),
    /** `<province>#<status>`: partition key of the `byProvinceStatus` index. */
    provinceStatus: z.optional(z.string()),
    /** `open#<createdAt>` or `done#<createdAt>` while assigned to an agency: sort key of the `byAgency` index. */
    agencyListKey: z.optional(z.string()),
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
    reason: z.optional(z.string()),
    /** The rejection reason in Thai. */
    reasonTh: z.optional(z.string()),
  }),
);

/** A history entry as people read it: the note in Thai beside the English where the system wrote it. */
export const HistoryEntryView = /* @__PURE__ */ schema(() =>
  z.extend(HistoryEntry, { noteTh: z.optional(z.string()) }),
);

/** A status in words, Thai and English. */
export const StatusLabel = /* @__PURE__ */ schema(() => z.object({ th: z.string(), en: z.string() }));

export const CitizenRequestView = /* @__PURE__ */ schema(() =>
  z.object({
    requestId: z.string(),
    serviceCode: z.string(),
    serviceVersion: z.optional(z.string()),
    provinceCode: z.string(),
    districtCode: z.optional(z.string()),
    subdistrictCode: z.optional(z.string()),
    status: RequestStatus,
    statusLabel: StatusLabel,
    agencyId: z.optional(z.string()),
    /** The citizen's own filing, in full (the citizen ID masked): what they gave is theirs to see. */
    applicant: z.object({
      citizenId: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      phone: z.optional(z.string()),
      email: z.optional(z.string()),
    }),
    details: z.record(z.string(), DetailValue),
    description: z.optional(z.string()),
    location: z.optional(Location),
    mediaUrl: z.optional(z.string()),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    dueAt: IsoDateTime,
    documents: z.array(CitizenDocumentView),
    bills: z.optional(z.array(BillView)),
    history: z.array(HistoryEntryView),
    rating: z.optional(z.lazy(() => Rating)),
    overdue: z.optional(z.boolean()),
    channel: z.optional(z.enum(['online', 'counter', 'open311'])),
    /** Routing failed repeatedly; the operators were alerted. */
    routingFailed: z.optional(z.boolean()),
  }),
);
export type CitizenRequestView = z.infer<typeof CitizenRequestView>;

/** A citizen's rating of a finished request. */
export const Rating = /* @__PURE__ */ schema(() =>
  z.object({
    score: z.int().check(z.minimum(1), z.maximum(5)),
    comment: z.optional(z.string()),
    at: IsoDateTime,
  }),
);
export type Rating = z.infer<typeof Rating>;

/** What the assigned agency sees: everything needed to do the work, still no full citizen ID. */
export const AgencyRequestView = /* @__PURE__ */ schema(() =>
  z.extend(CitizenRequestView, {
    rating: z.optional(Rating),
    /** The agency handled this request before and may read it; another agency holds it now. */
    readOnly: z.optional(z.boolean()),
  }),
);
export type AgencyRequestView = z.infer<typeof AgencyRequestView>;

/** One line of an agency's request list: what the byAgency index projects (AGENCY_LIST_ATTRIBUTES). */
export const AgencyListItem = /* @__PURE__ */ schema(() =>
  z.object({
    requestId: z.string(),
    serviceCode: z.string(),
    provinceCode: z.string(),
    districtCode: z.optional(z.string()),
    status: RequestStatus,
    createdAt: IsoDateTime,
    dueAt: IsoDateTime,
    overdue: z.optional(z.boolean()),
  }),
);
export type AgencyListItem = z.infer<typeof AgencyListItem>;
