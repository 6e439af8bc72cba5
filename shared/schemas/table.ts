/**
 * Physical layout of the requests table, shared by the CDK construct and the adapters so
 * the two cannot drift. Attribute names are short and stable: they are on every item.
 */
export const TABLE_INDEXES = {
  /**
   * An agency's requests: open work (`open#<createdAt>`) apart from finished (`done#<createdAt>`).
   * The key moves once, when the request finishes; a status change within a stage rewrites only
   * the small projected entry, and steps that keep the status (replies, ratings) touch nothing.
   */
  byAgency: { name: 'byAgencyStage', partitionKey: 'agencyId', sortKey: 'agencyListKey' },
  openByDeadline: { name: 'openByDeadline', partitionKey: 'openProvince', sortKey: 'dueAt' },
  byProvinceStatus: { name: 'byProvinceStatus', partitionKey: 'provinceStatus', sortKey: 'updatedAt' },
  /** A signed-in citizen's requests, newest first (`citizenHash` is set on requests filed with a session or at a counter). */
  byCitizen: { name: 'byCitizen', partitionKey: 'citizenHash', sortKey: 'createdAt' },
  /**
   * Every request by province and filing time (keys only): Open311's listing by requested date.
   * Its keys never change after filing, so a request's later writes never touch it.
   */
  byProvinceCreated: { name: 'byProvinceCreated', partitionKey: 'provinceCode', sortKey: 'createdAt' },
  /** Bank payments flagged for review, by the agency that must look (`unmatched` when no bill matched). */
  paymentReview: { name: 'paymentReview', partitionKey: 'reviewAgencyId', sortKey: 'receivedAt' },
} as const;

/** What the byCitizen index projects: the fields of "my requests". */
export const CITIZEN_LIST_ATTRIBUTES = [
  'requestId',
  'serviceCode',
  'provinceCode',
  'status',
  'updatedAt',
  'dueAt',
] as const;

/** What the byAgency index projects: the fields of an agency's request list (AgencyListItem). */
export const AGENCY_LIST_ATTRIBUTES = [
  'requestId',
  'serviceCode',
  'provinceCode',
  'districtCode',
  'status',
  'createdAt',
  'dueAt',
  'overdue',
] as const;

/**
 * Items that DynamoDB deletes on their own once this attribute (epoch seconds) has passed (TTL):
 * citizen sessions after they expire, the public change log after 91 days. A table has one TTL
 * attribute, and `expiresAt` is taken (an ISO time on bills and sessions), hence the short name.
 */
export const TTL_ATTRIBUTE = 'ttl';

export const KEY_PREFIX = {
  request: 'REQUEST#',
  /** `BILL#<ref1>`: which request a bank reference belongs to (and the proof that ref1 is unique). */
  bill: 'BILL#',
  /** `PAYMENT#<bank>#<transactionRef>`: each bank transaction once, whatever reports it again. */
  payment: 'PAYMENT#',
  /** `DATAKEY#<keyId>`: a KMS-encrypted data key that sealed citizen IDs name. */
  dataKey: 'DATAKEY#',
  /**
   * `CHANGES#<province>`: the province's public status changes (Open311's servicerequestupdates),
   * written from the table's stream in batches, one item per minute of changes and batch.
   */
  publicChanges: 'CHANGES#',
} as const;

export const DOCUMENT_PREFIXES = {
  /** Uploads land under `requests/<requestId>/<documentId>`. */
  uploads: 'requests/',
  /**
   * Verified copies: the verifier writes here exactly the bytes it judged, and agencies are
   * only ever served from here, so a later upload to the same slot cannot swap a checked file.
   */
  verified: 'verified/',
  /** Rejected objects are moved here, never served to agencies. */
  quarantine: 'quarantine/',
} as const;

/** The key of a request's item. */
export const requestKey = (requestId: string) => ({ pk: `${KEY_PREFIX.request}${requestId}`, sk: 'REQUEST' });
