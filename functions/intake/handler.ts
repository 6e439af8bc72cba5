import { submitRequest } from '../../shared/app/submit-request.ts';
import { httpHandler, json, parseWith } from '../../shared/http/middleware.ts';
import { IdempotencyKey, MAX_SUBMISSION_BYTES, SubmitRequestBody } from '../../shared/schemas/submission.ts';

/** POST /v1/requests — files a citizen request. */
export const handler = httpHandler({ jsonBody: true, maxBodyBytes: MAX_SUBMISSION_BYTES }, async (event) => {
  const rawKey = event.headers['idempotency-key'];
  const idempotencyKey =
    rawKey === undefined ? undefined : parseWith(IdempotencyKey, rawKey, 'Idempotency-Key');
  const body = parseWith(SubmitRequestBody, event.body);
  return json(201, await submitRequest(body, idempotencyKey));
});
