import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Messages between OSS and a bank are signed with HMAC-SHA256 under that bank's shared secret,
 * over `<unix seconds>.<raw body>`: the body exactly as sent (no re-serialised JSON can differ
 * from what was signed) and a timestamp, so a captured message cannot be replayed later.
 */
export const BANK_HEADERS = {
  bankId: 'x-bank-id',
  timestamp: 'x-bank-timestamp',
  signature: 'x-bank-signature',
} as const;

/** How far a signed timestamp may be from our clock, either way. */
export const MAX_SKEW_SECONDS = 300;

export const signBankMessage = (secret: string, timestamp: number | string, rawBody: string): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;

export type SignatureCheck = 'ok' | 'bad-signature' | 'stale';

/** Checks a signature in constant time, and the timestamp against `nowSeconds`. */
export function checkBankSignature(
  secret: string,
  timestamp: string | undefined,
  signature: string | undefined,
  rawBody: string,
  nowSeconds: number,
): SignatureCheck {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature) return 'bad-signature';
  const expected = Buffer.from(signBankMessage(secret, timestamp, rawBody));
  const presented = Buffer.from(signature);
  if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) return 'bad-signature';
  return Math.abs(nowSeconds - Number(timestamp)) > MAX_SKEW_SECONDS ? 'stale' : 'ok';
}

/** The three headers that carry a bank message's identity, time and signature. */
export function signedBankHeaders(
  bankId: string,
  secret: string,
  rawBody: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    [BANK_HEADERS.bankId]: bankId,
    [BANK_HEADERS.timestamp]: String(nowSeconds),
    [BANK_HEADERS.signature]: signBankMessage(secret, nowSeconds, rawBody),
  };
}
