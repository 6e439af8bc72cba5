import { submitAtCounter, submitRequest } from '../../shared/app/submit-request.ts';
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
  return json(201, await submitRequest(body, idempotencyKey));
});
