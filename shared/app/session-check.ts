import { createHmac, timingSafeEqual } from 'node:crypto';
import { getHashKey } from '../adapters/secrets.ts';
import { getSession } from '../adapters/sessions.ts';
import { AppError } from '../domain/errors.ts';
import { readCookies } from '../http/cookies.ts';
import type { CitizenSession } from '../schemas/session.ts';

/**
 * Checking a citizen's session cookie and CSRF token, without the OpenID client: the functions
 * that accept a signed-in citizen (intake) need only this, and stay small.
 */
export const SESSION_COOKIE = 'oss_session';
export const CSRF_COOKIE = 'oss_csrf';
export const LOGIN_COOKIE = 'oss_thaid';
/** A session lasts a working day at most (DESIGN.md §9: ≤ 8 hours). */
export const SESSION_SECONDS = 8 * 3600;

/** A key for one purpose, derived from the deployment's hash key. */
export const subKey = (hashKey: string, purpose: string) =>
  createHmac('sha256', hashKey).update(`oss:${purpose}`).digest();
export const mac = (hashKey: string, purpose: string, value: string) =>
  createHmac('sha256', subKey(hashKey, purpose)).update(value).digest('base64url');
const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export interface SignedIn {
  readonly id: string;
  readonly session: CitizenSession;
}

/** The session a cookie names, if it is genuine, current and not revoked. */
export async function sessionOf(cookie: string | undefined, now = new Date()): Promise<SignedIn | undefined> {
  const [id, signature] = (cookie ?? '').split('.');
  if (!id || !signature) return undefined;
  const hashKey = await getHashKey();
  if (!same(signature, mac(hashKey, 'session', id))) return undefined;
  const session = await getSession(id);
  if (!session || session.revokedAt || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
  return { id, session };
}

/**
 * Double-submit CSRF defence for every cookie-authenticated write: the `X-CSRF-Token` header must
 * carry the value of the readable `oss_csrf` cookie, which is itself bound to the session.
 */
export async function assertCsrf(signedIn: SignedIn, header: string | undefined, cookie: string | undefined) {
  const expected = mac(await getHashKey(), 'csrf', signedIn.id);
  if (!header || !cookie || !same(header, cookie) || !same(header, expected)) {
    throw new AppError(
      403,
      'CSRF_FAILED',
      'Send the X-CSRF-Token header with the value of the oss_csrf cookie.',
    );
  }
}

export async function requireSession(cookie: string | undefined): Promise<SignedIn> {
  const signedIn = await sessionOf(cookie);
  if (!signedIn) throw new AppError(401, 'UNAUTHORIZED', 'Sign in with ThaiD first.');
  return signedIn;
}

/**
 * Who may act on a request as its citizen: the holder of its access token (anonymous filing,
 * Open311, counter receipts), or the signed-in citizen it was filed under (the web pages).
 */
export type CitizenCredential = { readonly accessToken: string } | { readonly signedIn: SignedIn };

/**
 * The citizen credential of an HTTP request: a bearer token wins; otherwise the session cookie,
 * and for a write also the CSRF header (double submit). Neither → 401.
 */
export async function citizenCredentialOf(
  headers: Readonly<Record<string, string | undefined>>,
  write: boolean,
): Promise<CitizenCredential> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer) return { accessToken: bearer };
  const cookies = readCookies(headers.cookie);
  const signedIn = await sessionOf(cookies[SESSION_COOKIE]);
  if (!signedIn) {
    throw new AppError(
      401,
      'UNAUTHORIZED',
      'Send the access token as a bearer token, or sign in with ThaiD.',
    );
  }
  if (write) await assertCsrf(signedIn, headers['x-csrf-token'], cookies[CSRF_COOKIE]);
  return { signedIn };
}
