import { describe, expect, it } from 'vitest';
import {
  accessTokenFor,
  canonicalJson,
  keyedHash,
  newRequestId,
  sha256Hex,
  tokenMatches,
} from '../../shared/domain/secure-tokens.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('ids, tokens and hashes', () => {
  it('derives the same request id from the same Idempotency-Key, a different one otherwise', () => {
    const a = newRequestId('k1', 'key-0001');
    expect(a).toMatch(UUID);
    expect(a[14]).toBe('8'); // version 8
    expect(newRequestId('k1', 'key-0001')).toBe(a);
    expect(newRequestId('k1', 'key-0002')).not.toBe(a);
    expect(newRequestId('k2', 'key-0001')).not.toBe(a);
    expect(newRequestId('k1')).toMatch(UUID);
    expect(newRequestId('k1')).not.toBe(newRequestId('k1'));
  });

  it('derives a stable access token per request and checks it against its hash only', () => {
    const token = accessTokenFor('k1', 'r1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(accessTokenFor('k1', 'r1')).toBe(token);
    expect(accessTokenFor('k1', 'r2')).not.toBe(token);
    expect(tokenMatches(token, sha256Hex(token))).toBe(true);
    expect(tokenMatches(`${token}x`, sha256Hex(token))).toBe(false);
    expect(tokenMatches(token, 'not-a-hash')).toBe(false);
  });

  it('keys the citizen-ID hash', () => {
    expect(keyedHash('k1', '1101700230708')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash('k1', '1101700230708')).not.toBe(keyedHash('k2', '1101700230708'));
    expect(keyedHash('k1', '1101700230708')).not.toBe(sha256Hex('1101700230708'));
  });

  it('serialises canonically whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});
