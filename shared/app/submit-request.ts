import { getRequest, putNewRequest } from '../adapters/requests-table.ts';
import { getHashKey } from '../adapters/secrets.ts';
import { AppError, validationFailed } from '../domain/errors.ts';
import { createRequestItem, submissionResponse } from '../domain/request.ts';
import {
  accessTokenFor,
  canonicalJson,
  keyedHash,
  newRequestId,
  sha256Hex,
} from '../domain/secure-tokens.ts';
import { checkSubmission } from '../domain/submission.ts';
import { correlate, metrics } from '../observability.ts';
import type { SubmitRequestBody, SubmitRequestResponse } from '../schemas/submission.ts';
import { dispatchSubmitted } from './dispatch.ts';
import { holidaySet, referenceData } from './reference.ts';

/**
 * Files a citizen request: one conditional put. With an Idempotency-Key the id is derived from
 * the key, so a replay meets its own earlier item: same body → the same 201 body, another body
 * → 409 IDEMPOTENCY_KEY_REUSED.
 */
export async function submitRequest(
  body: SubmitRequestBody,
  idempotencyKey: string | undefined,
  now: Date = new Date(),
): Promise<SubmitRequestResponse> {
  const { service, issues } = checkSubmission(body, referenceData, now);
  if (!service || issues.length > 0) throw validationFailed(issues);

  const hashKey = await getHashKey();
  // The key is the applicant's: scoped by their citizen ID (keyed), never shared across citizens.
  const requestId = newRequestId(
    hashKey,
    idempotencyKey,
    keyedHash(hashKey, `citizen-id:${body.applicant.citizenId}`),
  );
  const { item, accessToken } = createRequestItem(body, service, {
    requestId,
    hashKey,
    now,
    holidays: holidaySet,
    idempotent: idempotencyKey !== undefined,
  });
  if (await putNewRequest(item)) {
    correlate(requestId);
    metrics.addMetric('RequestsFiled', 'Count', 1);
    if (item.status === 'SUBMITTED') await dispatchSubmitted(item);
    return submissionResponse(item, service, accessToken);
  }

  // Only a derived id can collide (random UUIDs do not), so this is an idempotent replay or key reuse.
  const existing = await getRequest(requestId);
  if (existing && existing.submissionHash === sha256Hex(canonicalJson(body))) {
    return submissionResponse(existing, service, accessTokenFor(hashKey, requestId));
  }
  throw new AppError(
    409,
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used with a different request body.',
  );
}
