import { randomBytes } from 'node:crypto';
import { findApiKey, revokeApiKey, storeApiKey } from '../adapters/api-keys.ts';
import { sha256Hex } from '../domain/secure-tokens.ts';
import { toBangkokIso } from '../domain/time.ts';

/** Issues a key for an Open311 client; only its hash is stored, the key is shown once. */
export async function issueApiKey(clientName: string): Promise<string> {
  const key = `oss_${randomBytes(24).toString('base64url')}`;
  await storeApiKey(sha256Hex(key), clientName, toBangkokIso(new Date()));
  return key;
}

export async function revokeKey(key: string): Promise<boolean> {
  return revokeApiKey(sha256Hex(key), toBangkokIso(new Date()));
}

/** The client a key belongs to, or undefined for a missing, unknown or revoked key. */
export async function clientOfKey(key: string | null | undefined): Promise<string | undefined> {
  if (!key || key.length > 200) return undefined;
  const record = await findApiKey(sha256Hex(key));
  return record && !record.revokedAt ? record.clientName : undefined;
}
