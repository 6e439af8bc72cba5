import {
  createHash,
  createHmac,
  createSecretKey,
  type KeyObject,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';

/**
 * An HMAC-SHA256 under `key`. The key is prepared once as a KeyObject (the deployment has one
 * hash key): a string key is re-encoded and re-imported on every call, a good share of each hash.
 */
let lastKey: { readonly text: string; readonly object: KeyObject } | undefined;
function hmac(key: string) {
  if (lastKey?.text !== key) lastKey = { text: key, object: createSecretKey(Buffer.from(key, 'utf8')) };
  return createHmac('sha256', lastKey.object);
}

/** HMAC-SHA256 under the deployment's hash key: stable for lookups, useless without the key. */
export function keyedHash(key: string, value: string): string {
  return hmac(key).update(value).digest('hex');
}

export function sha256Hex(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * A request id. With an Idempotency-Key it is derived from the key and its scope (the applicant,
 * so two citizens who pick the same key never collide), keyed so ids cannot be predicted from
 * keys. One conditional put then both creates the request and detects a replay: no separate
 * idempotency record, one write per submission.
 */
export function newRequestId(key: string, idempotencyKey?: string, scope = ''): string {
  if (idempotencyKey === undefined) return randomUUID();
  const h = hmac(key).update(`idempotency:${scope.length}:${scope}:${idempotencyKey}`).digest('hex');
  // Format as an RFC 9562 version-8 (custom) UUID so every id has one shape.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The citizen's bearer token for one request, derived from the request id under the key so an
 * idempotent replay can hand back the same token although only its hash is stored.
 */
export function accessTokenFor(key: string, requestId: string): string {
  return hmac(key).update(`access-token:${requestId}`).digest('base64url');
}

/** Constant-time check of a presented token against the stored SHA-256 hash. */
export function tokenMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** JSON with object keys sorted, so equal submissions hash equally whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * An inbox receipt handle bound to the request it was issued with (and the agency that read it):
 * `<base64url handle>.<mac>`. An officer cannot use one request's handle to delete another
 * request's inbox message.
 */
export function bindReceiptHandle(key: string, agencyId: string, requestId: string, handle: string): string {
  const mac = hmac(key).update(`receipt:${agencyId}:${requestId}:${handle}`).digest('base64url');
  return `${Buffer.from(handle).toString('base64url')}.${mac}`;
}

/** The SQS receipt handle inside a bound one, or undefined when it was not issued for this request. */
export function unbindReceiptHandle(
  key: string,
  agencyId: string,
  requestId: string,
  bound: string,
): string | undefined {
  const [encoded, mac] = bound.split('.');
  if (!encoded || !mac) return undefined;
  const handle = Buffer.from(encoded, 'base64url').toString();
  const expected = Buffer.from(bindReceiptHandle(key, agencyId, requestId, handle).split('.')[1] ?? '');
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given) ? handle : undefined;
}
