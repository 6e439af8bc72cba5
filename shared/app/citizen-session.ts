import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { sealCitizenId } from '../adapters/citizen-id-vault.ts';
import { getHashKey } from '../adapters/secrets.ts';
import { putSession, queryCitizenRequests, revokeSession } from '../adapters/sessions.ts';
import { thaidClient, thaidConfig, thaidSettings } from '../adapters/thaid.ts';
import { isValidCitizenId, maskCitizenId } from '../domain/citizen-id.ts';
import { AppError, validationFailed } from '../domain/errors.ts';
import { keyedHash } from '../domain/secure-tokens.ts';
import { toBangkokIso } from '../domain/time.ts';
import { schema } from '../schemas/define.ts';
import type { CitizenSession } from '../schemas/session.ts';
import { CITIZEN_LIST_ATTRIBUTES } from '../schemas/table.ts';
import { mac, SESSION_SECONDS, type SignedIn, subKey } from './session-check.ts';

const LOGIN_SECONDS = 600;

/** The byCitizen index's LastEvaluatedKey, as a cursor carries it. */
const Cursor = /* @__PURE__ */ schema(() =>
  z.strictObject({
    pk: z.string(),
    sk: z.string(),
    citizenHash: z.string(),
    createdAt: z.string(),
  }),
);

/** Only a path on this site: `/…`, never `//host`, `/\host` or a scheme. */
export function safeReturnTo(value: string | undefined): string {
  const returnTo = value ?? '/';
  if (!/^\/(?![/\\])[^\s\\]*$/.test(returnTo)) {
    throw validationFailed([{ path: 'returnTo', message: 'must be a path on this site, like /requests' }]);
  }
  return returnTo;
}

/**
 * Starts a ThaiD sign-in: state, nonce and a PKCE verifier, kept encrypted in a short-lived
 * HttpOnly cookie scoped to the callback, and the URL of ThaiD's authorization endpoint.
 */
export async function startLogin(returnTo: string | undefined, loginHint: string | undefined) {
  const target = safeReturnTo(returnTo);
  const [config, settings, hashKey, oidc] = await Promise.all([
    thaidConfig(),
    thaidSettings(),
    getHashKey(),
    thaidClient(),
  ]);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: 'openid pid given_name family_name',
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    ...(loginHint && /^\d{13}$/.test(loginHint) && { login_hint: loginHint }),
  });
  const transaction = await new oidc.EncryptJWT({ state, nonce, verifier, returnTo: target })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(`${LOGIN_SECONDS}s`)
    .encrypt(subKey(hashKey, 'thaid-login'));
  return { location: url.href, transaction, maxAgeSeconds: LOGIN_SECONDS };
}

/**
 * Finishes a ThaiD sign-in: the code exchange and every ID-token check by openid-client against
 * the state, nonce and verifier of this browser's transaction. Then a session: stored server-side
 * (so logout revokes it), the `pid` only as the keyed hash and a masked form; the browser gets a
 * signed session id and a CSRF token, never a ThaiD token.
 */
export async function finishLogin(
  callbackQuery: Readonly<Record<string, string | undefined>>,
  transaction: string | undefined,
  now = new Date(),
) {
  const fail = (message: string) => new AppError(401, 'THAID_SIGN_IN_FAILED', message);
  if (!transaction)
    throw fail('The sign-in expired or was started in another browser. Please sign in again.');
  const [config, hashKey, settings, oidc] = await Promise.all([
    thaidConfig(),
    getHashKey(),
    thaidSettings(),
    thaidClient(),
  ]);
  // The URL ThaiD redirected to is the registered redirect URI plus its query, whatever host the
  // API saw (CloudFront in front): the token request must name exactly the registered URI.
  const callbackUrl = new URL(settings.redirectUri);
  for (const [k, v] of Object.entries(callbackQuery)) if (v !== undefined) callbackUrl.searchParams.set(k, v);
  let t: { state: string; nonce: string; verifier: string; returnTo: string };
  try {
    t = (await oidc.jwtDecrypt(transaction, subKey(hashKey, 'thaid-login'))).payload as typeof t;
  } catch {
    throw fail('The sign-in expired or was started in another browser. Please sign in again.');
  }
  if (!callbackUrl.searchParams.get('state') || callbackUrl.searchParams.get('state') !== t.state) {
    throw new AppError(400, 'THAID_STATE_MISMATCH', 'The sign-in response does not belong to this sign-in.');
  }
  let claims: Record<string, unknown> | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: t.verifier,
      expectedState: t.state,
      expectedNonce: t.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims() as Record<string, unknown> | undefined;
  } catch {
    throw fail('ThaiD did not confirm the sign-in (the code or the ID token was not accepted).');
  }
  const pid = String(claims?.pid ?? '');
  if (!isValidCitizenId(pid)) throw fail('ThaiD returned no valid citizen ID.');
  const session: CitizenSession = {
    citizenIdHash: keyedHash(hashKey, `citizen-id:${pid}`),
    citizenIdMasked: maskCitizenId(pid),
    citizenIdSealed: await sealCitizenId(pid),
    firstName: String(claims?.given_name ?? ''),
    lastName: String(claims?.family_name ?? ''),
    ...(typeof claims?.ial === 'number' && { ial: claims.ial }),
    createdAt: toBangkokIso(now),
    expiresAt: toBangkokIso(new Date(now.getTime() + SESSION_SECONDS * 1000)),
  };
  const id = randomBytes(32).toString('base64url');
  await putSession(id, session);
  return {
    returnTo: t.returnTo,
    sessionCookie: `${id}.${mac(hashKey, 'session', id)}`,
    csrfToken: mac(hashKey, 'csrf', id),
  };
}

export async function logout(signedIn: SignedIn, now = new Date()) {
  await revokeSession(signedIn.id, toBangkokIso(now));
}

export const me = ({ session }: SignedIn) => ({
  citizen: {
    maskedCitizenId: session.citizenIdMasked,
    firstName: session.firstName,
    lastName: session.lastName,
    ...(session.ial !== undefined && { ial: session.ial }),
  },
});

/** The signed-in citizen's requests, newest first, 20 a page; `next` continues. */
export async function myRequests({ session }: SignedIn, cursor: string | undefined) {
  let startKey: Record<string, unknown> | undefined;
  if (cursor) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      decoded = undefined;
    }
    const parsed = Cursor.safeParse(decoded);
    // A cursor only ever continues the caller's own list, with exactly the keys DynamoDB gave out.
    if (!parsed.success || parsed.data.citizenHash !== session.citizenIdHash) {
      throw validationFailed([{ path: 'cursor', message: 'is not a cursor this API gave out' }]);
    }
    startKey = parsed.data;
  }
  const page = await queryCitizenRequests(session.citizenIdHash, 20, startKey);
  return {
    items: page.items.map((i) =>
      Object.fromEntries(CITIZEN_LIST_ATTRIBUTES.filter((a) => i[a] !== undefined).map((a) => [a, i[a]])),
    ),
    ...(page.next && { next: Buffer.from(JSON.stringify(page.next)).toString('base64url') }),
  };
}

/** The keyed hash of a session's citizen, for filing: the ID itself is never needed. */
export const citizenHashOf = ({ session }: SignedIn) => session.citizenIdHash;
