import { assertCsrf, CSRF_COOKIE, SESSION_COOKIE, sessionOf } from '../../shared/app/session-check.ts';
import { submitAtCounter, submitRequest } from '../../shared/app/submit-request.ts';
import { readCookies } from '../../shared/http/cookies.ts';
import { httpHandler, json, officerClaims, parseWith } from '../../shared/http/middleware.ts';
import { IdempotencyKey, MAX_SUBMISSION_BYTES, SubmitRequestBody } from '../../shared/schemas/submission.ts';

/** POST /v1/requests — files a citizen request; POST /v1/counter/requests — counter staff file for a walk-in citizen. */
export const handler = httpHandler({ jsonBody: true, maxBodyBytes: MAX_SUBMISSION_BYTES }, async (event) => {
  const rawKey = event.headers['idempotency-key'];
  const idempotencyKey =
    rawKey === undefined ? undefined : parseWith(IdempotencyKey, rawKey, 'Idempotency-Key');
  const body = parseWith(SubmitRequestBody, event.body);
  if (event.resource === '/v1/counter/requests') {
    return json(201, await submitAtCounter(body, idempotencyKey, officerClaims(event)));
  }
  // A citizen signed in with ThaiD files as themselves (cookie-authenticated, so CSRF-checked).
  const cookies = readCookies(event.headers.cookie);
  const signedIn = cookies[SESSION_COOKIE] ? await sessionOf(cookies[SESSION_COOKIE]) : undefined;
  if (signedIn) await assertCsrf(signedIn, event.headers['x-csrf-token'], cookies[CSRF_COOKIE]);
  return json(201, await submitRequest(body, idempotencyKey, new Date(), undefined, signedIn));
});
