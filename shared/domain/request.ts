import type { Service } from '../schemas/catalogue.ts';
import type { Bill } from '../schemas/payments.ts';
import type { RequestItem, RequestStatus, SealedCitizenId } from '../schemas/request.ts';
import type { SubmitRequestBody, SubmitRequestResponse } from '../schemas/submission.ts';
import { requestKey } from '../schemas/table.ts';
import { billView } from './bills.ts';
import { maskCitizenId } from './citizen-id.ts';
import { normaliseDetails } from './details.ts';
import { provinceStatusKey } from './lifecycle.ts';
import { formatBaht } from './money.ts';
import { accessTokenFor, canonicalJson, keyedHash, sha256Hex } from './secure-tokens.ts';
import { serviceVersion } from './service-version.ts';

export { requestKey, serviceVersion };

import { toBangkokIso } from './time.ts';
import { addWorkingDays } from './working-days.ts';

export interface NewRequestContext {
  readonly requestId: string;
  readonly hashKey: string;
  readonly now: Date;
  readonly holidays: ReadonlySet<string>;
  /** Filed with an Idempotency-Key: keep the submission's hash to tell a replay from key reuse. */
  readonly idempotent?: boolean;
  /** Filed by counter staff for a walk-in citizen: the officer and their agency. */
  readonly counter?: { readonly agencyId: string; readonly username: string };
  /** The applicant's full citizen ID, sealed (typed in, or vouched for by ThaiD): only an officer's reveal opens it. */
  readonly citizenIdSealed?: SealedCitizenId;
  /** The bill for the service's fee, when it is due at filing and no documents are awaited. */
  readonly bill?: Bill;
  /** Filed by an Open311 client (its name, from its API key). */
  readonly open311Client?: string;
  /** The typed citizen ID's keyed hash, when the caller already computed it (saves a second HMAC). */
  readonly citizenIdHash?: string;
  /** The applicant as ThaiD vouches for them (a signed-in citizen): used instead of typed identity. */
  readonly identity?: {
    readonly citizenIdHash: string;
    readonly citizenIdMasked: string;
    readonly firstName: string;
    readonly lastName: string;
  };
}

/**
 * Builds the stored item for a validated submission: the first history entry, the deadline,
 * the citizen ID reduced to a keyed hash and a masked form, the access token reduced to its hash.
 */
export function createRequestItem(
  body: SubmitRequestBody,
  service: Service,
  ctx: NewRequestContext,
): { item: RequestItem; accessToken: string } {
  const at = toBangkokIso(ctx.now);
  const required = service.requiredDocuments.filter((d) => !d.optional);
  const status: RequestStatus =
    required.length > 0 ? 'AWAITING_DOCUMENTS' : ctx.bill ? 'AWAITING_PAYMENT' : 'SUBMITTED';
  const accessToken = accessTokenFor(ctx.hashKey, ctx.requestId);
  const { citizenId, firstName, lastName, ...contact } = body.applicant;
  const identity = ctx.identity ?? {
    citizenIdHash: ctx.citizenIdHash ?? keyedHash(ctx.hashKey, `citizen-id:${citizenId ?? ''}`),
    citizenIdMasked: maskCitizenId(citizenId ?? ''),
    firstName: firstName ?? '',
    lastName: lastName ?? '',
  };
  const item: RequestItem = {
    ...requestKey(ctx.requestId),
    requestId: ctx.requestId,
    serviceCode: service.code,
    serviceVersion: serviceVersion(service),
    provinceCode: body.provinceCode,
    // A subdistrict names its district: the first four digits of its code.
    ...((body.districtCode ?? body.subdistrictCode) !== undefined && {
      districtCode: body.districtCode ?? body.subdistrictCode?.slice(0, 4),
    }),
    ...(body.subdistrictCode !== undefined && { subdistrictCode: body.subdistrictCode }),
    status,
    applicant: {
      ...contact,
      firstName: identity.firstName,
      lastName: identity.lastName,
      citizenIdHash: identity.citizenIdHash,
      citizenIdMasked: identity.citizenIdMasked,
      ...(ctx.citizenIdSealed && { citizenIdSealed: ctx.citizenIdSealed }),
    },
    // Proven identity (ThaiD, or an ID card checked at a counter) links it to the citizen's "my requests".
    ...((ctx.identity || ctx.counter) && { citizenHash: identity.citizenIdHash }),
    details: normaliseDetails(service.fields, body.details),
    ...(body.description !== undefined && { description: body.description }),
    ...(body.location !== undefined && { location: body.location }),
    ...(body.mediaUrl !== undefined && { mediaUrl: body.mediaUrl }),
    documents: [],
    ...(ctx.bill && { bills: [ctx.bill] }),
    channel: ctx.counter ? 'counter' : ctx.open311Client ? 'open311' : 'online',
    history: [
      {
        at,
        status,
        actor: ctx.counter ? `agency:${ctx.counter.agencyId}` : 'citizen',
        note: `${
          ctx.counter
            ? `Filed at the counter of ${ctx.counter.agencyId} by officer ${ctx.counter.username} for a walk-in citizen`
            : ctx.open311Client
              ? `Filed through Open311 by ${ctx.open311Client}`
              : 'Filed'
        }${status === 'AWAITING_DOCUMENTS' ? `; waiting for ${required.length} document(s)` : ''}${
          ctx.bill ? `; fee ${formatBaht(ctx.bill.amountSatang)} THB due (bill ${ctx.bill.ref1})` : ''
        }`,
      },
    ],
    createdAt: at,
    updatedAt: at,
    // Provisional while documents are missing: the clock starts when the request is complete
    // (SUBMITTED), and only then does it join the open-by-deadline index the sweeper reads.
    dueAt: toBangkokIso(addWorkingDays(ctx.now, service.slaDays, ctx.holidays)),
    version: 1,
    tokenHash: sha256Hex(accessToken),
    ...(ctx.idempotent && { submissionHash: sha256Hex(canonicalJson(body)) }),
    ...(status === 'SUBMITTED' && { openProvince: body.provinceCode }),
    ...(provinceStatusKey(body.provinceCode, status) && {
      provinceStatus: provinceStatusKey(body.provinceCode, status),
    }),
  };
  return { item, accessToken };
}

/**
 * The 201 body; for an idempotent replay it is rebuilt from the stored item: the same request id,
 * token and documents, with the request's status and deadline as they are now (a replay of a
 * finished request must not claim it is still SUBMITTED).
 */
export async function submissionResponse(
  item: RequestItem,
  service: Service,
  accessToken: string,
): Promise<SubmitRequestResponse> {
  const bill = item.status === 'AWAITING_PAYMENT' ? item.bills?.at(-1) : undefined;
  return {
    requestId: item.requestId,
    accessToken,
    status: item.status,
    dueAt: item.dueAt,
    requiredDocuments: service.requiredDocuments.map((d) => ({ ...d, contentTypes: [...d.contentTypes] })),
    ...(bill && { bill: await billView(bill) }),
  };
}
