/** Environment variable names shared by the CDK app (writer) and the adapters (reader). */
export const ENV = {
  tableName: 'REQUESTS_TABLE_NAME',
  bucketName: 'DOCUMENTS_BUCKET_NAME',
  hashKeySecretId: 'HASH_KEY_SECRET_ID',
  /** Deployment environment name (dev, prod): part of every routing queue's name. */
  envName: 'OSS_ENV',
  /** `https://sqs.<region>.<suffix>/<account>/`: queue URLs are this plus a queue name. */
  queueUrlPrefix: 'QUEUE_URL_PREFIX',
  /** Comma-separated province codes this deployment serves. */
  servedProvinces: 'SERVED_PROVINCES',
  /** URL of the queue that retries statistics counter updates which failed after a record write. */
  statsRetryQueueUrl: 'STATS_RETRY_QUEUE_URL',
  /** URL of the queue of upload notifications the document verifier consumes. */
  documentEventsQueueUrl: 'DOCUMENT_EVENTS_QUEUE_URL',
  /** Secret holding the ThaiD relying party's settings: `{issuer, clientId, clientSecret, redirectUri}`. */
  thaidSecretId: 'THAID_SECRET_ID',
  /** Secret holding each bank's settings: `{"<bankId>": {"secret", "inquiryUrl"}}` (DESIGN.md §10). */
  bankSecretId: 'BANK_SECRET_ID',
  /** The citizen-data KMS key: data keys under it seal full citizen IDs for an officer's reveal. */
  citizenIdKeyArn: 'CITIZEN_ID_KEY_ARN',
  /** JSON `{"default": {"billerId","bankId"}, "<agencyId>": {…}}`: who collects a fee, through which bank. */
  billers: 'OSS_BILLERS',
} as const;

/** Reads a required environment variable, failing fast with its name when it is missing. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`missing environment variable ${name}`);
  return value;
}
