import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';

type KeyLike = Awaited<ReturnType<typeof importJWK>>;

/**
 * The local stand-in for the Cognito user pool that signs agency staff tokens in AWS: an ES256
 * key kept in the data folder, tokens with the same claims a Cognito ID token carries
 * (`token_use`, `custom:agency_id`), verified by the local runner exactly where API Gateway's
 * Cognito authorizer would verify them.
 */
export const LOCAL_ISSUER = 'https://cognito-idp.local/oss-local-agency-users';
export const LOCAL_AUDIENCE = 'oss-local-officer-client';
const ALG = 'ES256';

export interface LocalIssuer {
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
}

export async function loadOrCreateIssuer(dataDir: string): Promise<LocalIssuer> {
  const file = path.join(dataDir, 'agency-issuer.json');
  if (!existsSync(file)) {
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({ privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) }),
      { mode: 0o600 },
    );
  }
  const { privateJwk, publicJwk } = JSON.parse(readFileSync(file, 'utf8')) as {
    privateJwk: JWK;
    publicJwk: JWK;
  };
  return {
    privateKey: (await importJWK(privateJwk, ALG)) as KeyLike,
    publicKey: (await importJWK(publicJwk, ALG)) as KeyLike,
  };
}

export async function signAgencyToken(
  issuer: LocalIssuer,
  agencyId: string,
  opts: { ttlSeconds?: number; email?: string; groups?: readonly string[]; name?: string } = {},
): Promise<string> {
  return new SignJWT({
    token_use: 'id',
    'custom:agency_id': agencyId,
    email: opts.email ?? `officer@${agencyId}.local`,
    'cognito:username': `officer-${agencyId}`,
    ...(opts.name && { name: opts.name }),
    ...(opts.groups && opts.groups.length > 0 && { 'cognito:groups': [...opts.groups] }),
  })
    .setProtectedHeader({ alg: ALG, kid: 'local' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setSubject(randomUUID())
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (opts.ttlSeconds ?? 12 * 3600))
    .sign(issuer.privateKey);
}

/** Verifies signature, issuer, audience, expiry and token use; returns the claims or throws. */
export async function verifyAgencyToken(issuer: LocalIssuer, token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, issuer.publicKey, {
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    algorithms: [ALG],
    // Cognito's tokens always expire: a token without `exp` is not one of ours.
    requiredClaims: ['exp', 'iat'],
  });
  if (payload.token_use !== 'id') throw new Error('not an ID token');
  return payload;
}
