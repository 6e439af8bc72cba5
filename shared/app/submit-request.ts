import { sealCitizenId } from '../adapters/citizen-id-vault.ts';
import { getRequest, putNewRequest } from '../adapters/requests-table.ts';
import { getHashKey } from '../adapters/secrets.ts';
import { normaliseDetails } from '../domain/details.ts';
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
import { issueFilingBill } from './billing.ts';
import { dispatchSubmitted } from './dispatch.ts';
import { agencyRegistry, holidaySet, referenceData } from './reference.ts';
import type { SignedIn } from './session-check.ts';

/**
 * Files a citizen request: one conditional put. With an Idempotency-Key the id is derived from
 * the key, so a replay meets its own earlier item: same body → the same 201 body, another body
 * → 409 IDEMPOTENCY_KEY_REUSED.
 */
export async function submitRequest(
  body: SubmitRequestBody,
  idempotencyKey: string | undefined,
  now: Date = new Date(),
  counter?: { readonly agencyId: string; readonly username: string },
  signedIn?: SignedIn,
  /** The Open311 client filing it (the name on its API key). */
  open311Client?: string,
): Promise<SubmitRequestResponse> {
  const { service, issues } = checkSubmission(body, referenceData, now, signedIn !== undefined);
  if (!service || issues.length > 0) throw validationFailed(issues);

  const hashKey = await getHashKey();
  const typedHash =
    body.applicant.citizenId === undefined
      ? undefined
      : keyedHash(hashKey, `citizen-id:${body.applicant.citizenId}`);
  if (signedIn && typedHash !== undefined && typedHash !== signedIn.session.citizenIdHash) {
    throw validationFailed([
      {
        path: 'applicant.citizenId',
        message: 'differs from the citizen signed in with ThaiD (leave it out)',
      },
    ]);
  }
  // The key is the applicant's: scoped by their citizen ID (keyed), never shared across citizens.
  const requestId = newRequestId(hashKey, idempotencyKey, signedIn?.session.citizenIdHash ?? typedHash);
  // A fee known at filing is billed now, unless documents come first (then when they are verified).
  const bill = service.requiredDocuments.some((d) => !d.optional)
    ? undefined
    : await issueFilingBill(
        service,
        {
          requestId,
          provinceCode: body.provinceCode,
          ...(body.districtCode !== undefined && { districtCode: body.districtCode }),
          ...(body.subdistrictCode !== undefined && { subdistrictCode: body.subdistrictCode }),
          details: normaliseDetails(service.fields, body.details),
        },
        now,
      );
  const citizenIdSealed =
    body.applicant.citizenId !== undefined
      ? await sealCitizenId(body.applicant.citizenId)
      : signedIn?.session.citizenIdSealed;
  const { item, accessToken } = createRequestItem(body, service, {
    ...(bill && { bill }),
    ...(citizenIdSealed && { citizenIdSealed }),
    requestId,
    hashKey,
    ...(typedHash !== undefined && { citizenIdHash: typedHash }),
    now,
    holidays: holidaySet(),
    idempotent: idempotencyKey !== undefined,
    ...(counter && { counter }),
    ...(open311Client && { open311Client }),
    ...(signedIn && {
      identity: {
        citizenIdHash: signedIn.session.citizenIdHash,
        citizenIdMasked: signedIn.session.citizenIdMasked,
        firstName: body.applicant.firstName ?? signedIn.session.firstName,
        lastName: body.applicant.lastName ?? signedIn.session.lastName,
      },
    }),
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

/** The counter role: officers in this Cognito group may file for walk-in citizens. */
export const COUNTER_GROUP = 'counter';

/**
 * Counter filing (DESIGN.md §9): an officer of an agency, in the `counter` group, files for a
 * walk-in citizen whose ID card they have checked. The request is the citizen's (the 201 carries
 * the access token to print on the receipt slip), recorded with channel `counter` and the officer
 * in its first history entry.
 */
export function submitAtCounter(
  body: SubmitRequestBody,
  idempotencyKey: string | undefined,
  officer: { readonly agencyId?: string; readonly username: string; readonly groups: readonly string[] },
  now: Date = new Date(),
): Promise<SubmitRequestResponse> {
  if (!officer.agencyId || !agencyRegistry.agencyById(officer.agencyId)) {
    throw new AppError(403, 'FORBIDDEN', 'This token names no OSS agency.');
  }
  if (!officer.groups.includes(COUNTER_GROUP)) {
    throw new AppError(
      403,
      'FORBIDDEN',
      'Only counter staff (the counter role) may file for a walk-in citizen.',
    );
  }
  return submitRequest(body, idempotencyKey, now, { agencyId: officer.agencyId, username: officer.username });
}
