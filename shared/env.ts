/** Environment variable names shared by the CDK app (writer) and the adapters (reader). */
export const ENV = {
  tableName: 'REQUESTS_TABLE_NAME',
  bucketName: 'DOCUMENTS_BUCKET_NAME',
  hashKeySecretId: 'HASH_KEY_SECRET_ID',
} as const;

/** Reads a required environment variable, failing fast with its name when it is missing. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`missing environment variable ${name}`);
  return value;
}
