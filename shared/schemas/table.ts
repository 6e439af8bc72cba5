/**
 * Physical layout of the requests table, shared by the CDK construct and the adapters so
 * the two cannot drift. Attribute names are short and stable: they are on every item.
 */
export const TABLE_INDEXES = {
  byAgency: { name: 'byAgency', partitionKey: 'agencyId', sortKey: 'agencyStatusAt' },
  openByDeadline: { name: 'openByDeadline', partitionKey: 'openProvince', sortKey: 'dueAt' },
  byProvinceStatus: { name: 'byProvinceStatus', partitionKey: 'provinceStatus', sortKey: 'updatedAt' },
} as const;

export const KEY_PREFIX = {
  request: 'REQUEST#',
} as const;

export const DOCUMENT_PREFIXES = {
  /** Uploads land under `requests/<requestId>/<documentId>`. */
  uploads: 'requests/',
  /** Rejected objects are moved here, never served to agencies. */
  quarantine: 'quarantine/',
} as const;
