'use strict';
/**
 * node:crypto for the function bundles (infra/bundling.ts aliases `crypto` and `node:crypto` to
 * this file), loaded the first time one of its exports is read rather than when the bundle loads.
 * Powertools' Logger imports `randomInt` at its top for debug-log sampling, and our token code
 * imports its hashes, so without this every function loads node:crypto as it starts: 4–5 ms of
 * the catalog's cold start, the one function whose runtime (no AWS SDK) has not loaded it already.
 *
 * Each export is a getter for the real one, so classes, `instanceof` and constants behave as
 * node:crypto's own. The names are node:crypto's exports on Node 24 (the Lambda runtime);
 * test/unit/lazy-crypto.test.ts fails when the running Node's list differs.
 */
let crypto;
const load = () => {
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto;
};
const NAMES = [
  'argon2',
  'argon2Sync',
  'checkPrime',
  'checkPrimeSync',
  'createCipheriv',
  'createDecipheriv',
  'createDiffieHellman',
  'createDiffieHellmanGroup',
  'createECDH',
  'createHash',
  'createHmac',
  'createPrivateKey',
  'createPublicKey',
  'createSecretKey',
  'createSign',
  'createVerify',
  'diffieHellman',
  'generatePrime',
  'generatePrimeSync',
  'getCiphers',
  'getCipherInfo',
  'getCurves',
  'getDiffieHellman',
  'getHashes',
  'hkdf',
  'hkdfSync',
  'pbkdf2',
  'pbkdf2Sync',
  'generateKeyPair',
  'generateKeyPairSync',
  'generateKey',
  'generateKeySync',
  'privateDecrypt',
  'privateEncrypt',
  'publicDecrypt',
  'publicEncrypt',
  'randomBytes',
  'randomFill',
  'randomFillSync',
  'randomInt',
  'randomUUID',
  'scrypt',
  'scryptSync',
  'sign',
  'setEngine',
  'timingSafeEqual',
  'getFips',
  'setFips',
  'verify',
  'hash',
  'encapsulate',
  'decapsulate',
  'Certificate',
  'Cipheriv',
  'Decipheriv',
  'DiffieHellman',
  'DiffieHellmanGroup',
  'ECDH',
  'Hash',
  'Hmac',
  'KeyObject',
  'Sign',
  'Verify',
  'X509Certificate',
  'secureHeapUsed',
  'constants',
  'webcrypto',
  'subtle',
  'getRandomValues',
];
for (const name of NAMES) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });
