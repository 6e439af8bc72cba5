import { finishLogin, logout, me, myRequests, startLogin } from '../../shared/app/citizen-session.ts';
import {
  assertCsrf,
  CSRF_COOKIE,
  LOGIN_COOKIE,
  requireSession,
  SESSION_COOKIE,
  SESSION_SECONDS,
} from '../../shared/app/session-check.ts';
import { isLocalHost, readCookies, setCookie } from '../../shared/http/cookies.ts';
import { type HttpResult, httpHandler, json } from '../../shared/http/middleware.ts';

const CALLBACK_PATH = '/v1/auth/thaid';

/** A redirect that also sets (or clears) cookies. */
function redirect(location: string, cookies: string[]): HttpResult {
  return {
    statusCode: 302,
    headers: { location, 'cache-control': 'no-store' },
    multiValueHeaders: { 'set-cookie': cookies },
    body: '',
  };
}

const withCookies = (result: HttpResult, cookies: string[]): HttpResult => ({
  ...result,
  multiValueHeaders: { ...result.multiValueHeaders, 'set-cookie': cookies },
});

/**
 * Citizens' identity (DESIGN.md §9): ThaiD sign-in as a backend-for-frontend, sessions, "me".
 * GET /v1/auth/thaid/login, GET /v1/auth/thaid/callback, POST /v1/auth/logout, GET /v1/me,
 * GET /v1/me/requests.
 */
export const handler = httpHandler({ jsonBody: false }, async (event) => {
  const secure = !isLocalHost(event.headers.host);
  const cookies = readCookies(event.headers.cookie);
  const query = event.queryStringParameters ?? {};
  switch (event.resource) {
    case '/v1/auth/thaid/login': {
      const login = await startLogin(query.returnTo, query.login_hint);
      return redirect(login.location, [
        setCookie(LOGIN_COOKIE, login.transaction, {
          maxAgeSeconds: login.maxAgeSeconds,
          secure,
          path: CALLBACK_PATH,
        }),
      ]);
    }
    case '/v1/auth/thaid/callback': {
      const done = await finishLogin(query, cookies[LOGIN_COOKIE]);
      return redirect(done.returnTo, [
        setCookie(LOGIN_COOKIE, '', { maxAgeSeconds: 0, secure, path: CALLBACK_PATH }),
        setCookie(SESSION_COOKIE, done.sessionCookie, { maxAgeSeconds: SESSION_SECONDS, secure }),
        // Readable by the page, which echoes it in X-CSRF-Token on every write.
        setCookie(CSRF_COOKIE, done.csrfToken, { maxAgeSeconds: SESSION_SECONDS, secure, httpOnly: false }),
      ]);
    }
    case '/v1/auth/logout': {
      const signedIn = await requireSession(cookies[SESSION_COOKIE]);
      await assertCsrf(signedIn, event.headers['x-csrf-token'], cookies[CSRF_COOKIE]);
      await logout(signedIn);
      return withCookies(json(200, { signedOut: true }), [
        setCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure }),
        setCookie(CSRF_COOKIE, '', { maxAgeSeconds: 0, secure, httpOnly: false }),
      ]);
    }
    case '/v1/me':
      return json(200, me(await requireSession(cookies[SESSION_COOKIE])));
    default:
      return json(200, await myRequests(await requireSession(cookies[SESSION_COOKIE]), query.cursor));
  }
});
