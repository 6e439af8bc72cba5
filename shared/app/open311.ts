import { getRequest, queryFiledBetween } from '../adapters/requests-table.ts';
import { districts } from '../data/districts.ts';
import { services } from '../data/services.ts';
import { AppError } from '../domain/errors.ts';
import {
  billNotice,
  fromOpen311Form,
  toOpen311Request,
  toOpen311Service,
  toServiceDefinition,
} from '../domain/open311.ts';
import { toBangkokIso } from '../domain/time.ts';
import { SubmitRequestBody } from '../schemas/submission.ts';
import { clientOfKey } from './api-keys.ts';
import { agencyRegistry, referenceData } from './reference.ts';
import { submitRequest } from './submit-request.ts';

/** An error in Open311's own shape: `[{code, description}]` with the HTTP status as code. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_RANGE_DAYS = 90;
/** GeoReport v2: a listing returns at most the first 1,000 requests of its (≤ 90-day) window. */
const MAX_RESULTS = 1000;
const OPEN: readonly string[] = [
  'AWAITING_DOCUMENTS',
  'AWAITING_PAYMENT',
  'SUBMITTED',
  'ROUTED',
  'IN_PROGRESS',
  'NEEDS_INFO',
];
const CLOSED: readonly string[] = ['COMPLETED', 'REJECTED', 'CANCELLED'];

function jurisdiction(id: string | null, served: readonly string[], required: boolean): string | undefined {
  if (id === null || id === '') {
    if (required) throw new Open311Error(400, 'jurisdiction_id (the province code) is required');
    return undefined;
  }
  if (!referenceData.provinceByCode(id) || !served.includes(id)) {
    throw new Open311Error(404, `jurisdiction_id ${id} is not served by OSS`);
  }
  return id;
}

export function discovery(baseUrl: string) {
  return {
    changeset: '2026-11-22T00:00:00+07:00',
    contact: 'One Stop Service (OSS), Ministry of Interior, Thailand — ศูนย์ดำรงธรรม โทร 1567',
    key_service: 'API keys are issued by the OSS administrators on request.',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${baseUrl}/open311/v2`,
        changeset: '2026-11-22T00:00:00+07:00',
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

export function listServices(jurisdictionId: string | null, served: readonly string[]) {
  jurisdiction(jurisdictionId, served, false);
  return services.map(toOpen311Service);
}

export function serviceDefinition(code: string, jurisdictionId: string | null, served: readonly string[]) {
  const province = jurisdiction(jurisdictionId, served, false);
  const service = referenceData.serviceByCode(code);
  if (!service) throw new Open311Error(404, `service_code ${code} not found`);
  return toServiceDefinition(service, province ? districts.filter((d) => d.provinceCode === province) : []);
}

/** POST requests: an API key, a served jurisdiction, then the same intake as the native API. */
/** The Open311 parameter a native body path came from. */
function open311Name(path: string): string {
  const named: Record<string, string> = {
    'applicant.citizenId': 'attribute[citizen_id]',
    'applicant.firstName': 'first_name',
    'applicant.lastName': 'last_name',
    'applicant.phone': 'phone',
    'applicant.email': 'email',
    mediaUrl: 'media_url',
    provinceCode: 'jurisdiction_id',
    serviceCode: 'service_code',
    districtCode: 'attribute[district_code]',
    'location.lat': 'lat',
    'location.lon': 'long',
    'location.address': 'address_string',
  };
  if (named[path]) return named[path];
  const detail = /^details\.([A-Za-z0-9]+)/.exec(path);
  return detail ? `attribute[${detail[1]}]` : path;
}

export async function postRequest(form: URLSearchParams, served: readonly string[]) {
  if (!(await clientOfKey(form.get('api_key'))))
    throw new Open311Error(403, 'api_key is missing, unknown or revoked');
  jurisdiction(form.get('jurisdiction_id'), served, true);
  const service = referenceData.serviceByCode(form.get('service_code') ?? '');
  if (!service) throw new Open311Error(404, `service_code ${form.get('service_code') ?? ''} not found`);
  const parsed = SubmitRequestBody.safeParse(fromOpen311Form(form, service));
  if (!parsed.success) {
    // Every problem, each named by the Open311 parameter the client sent.
    throw new Open311Error(
      400,
      parsed.error.issues.map((i) => `${open311Name(i.path.join('.'))}: ${i.message}`).join('; '),
    );
  }
  try {
    const created = await submitRequest(parsed.data, undefined);
    return [
      {
        service_request_id: created.requestId,
        service_notice: created.bill
          ? `${billNotice(created.bill)}. Expected ${service.slaDays} working days after payment`
          : `Expected by ${created.dueAt}`,
        account_id: null,
      },
    ];
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      const issues = error.issues ?? [];
      throw new Open311Error(
        400,
        issues.length > 0
          ? issues.map((i) => `${open311Name(i.path)}: ${i.message}`).join('; ')
          : error.message,
      );
    }
    throw error;
  }
}

async function view(requestId: string, extensions: boolean) {
  const item = REQUEST_ID.test(requestId) ? await getRequest(requestId) : undefined;
  if (!item) return undefined;
  const agency = item.agencyId ? agencyRegistry.agencyById(item.agencyId) : undefined;
  return toOpen311Request(item, referenceData.serviceByCode(item.serviceCode), agency?.nameEn, extensions);
}

export async function getOne(requestId: string, extensions: boolean, jurisdictionId?: string | null) {
  const item = REQUEST_ID.test(requestId) ? await getRequest(requestId) : undefined;
  // A request of another jurisdiction is not found in this one.
  if (!item || (jurisdictionId && jurisdictionId !== item.provinceCode)) {
    throw new Open311Error(404, `service_request_id ${requestId} not found`);
  }
  const agency = item.agencyId ? agencyRegistry.agencyById(item.agencyId) : undefined;
  return [toOpen311Request(item, referenceData.serviceByCode(item.serviceCode), agency?.nameEn, extensions)];
}

/** GET requests with the standard's filters; dates default to the last 90 days, at most 90 apart. */
export async function findRequests(query: URLSearchParams, served: readonly string[]) {
  const extensions = query.get('extensions') === 'true';
  const ids = query
    .getAll('service_request_id')
    .flatMap((v) => v.split(','))
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length > 0) {
    // Every id asked for, or a clear refusal: never a silent cut.
    if (ids.length > MAX_RESULTS) {
      throw new Open311Error(
        400,
        `service_request_id may list at most ${MAX_RESULTS} ids (${ids.length} given)`,
      );
    }
    const found = await Promise.all(ids.map((id) => view(id, extensions)));
    return found.filter((v) => v !== undefined);
  }
  const province = jurisdiction(query.get('jurisdiction_id'), served, true) as string;
  const end = query.get('end_date') ? new Date(query.get('end_date') as string) : new Date();
  const start = query.get('start_date')
    ? new Date(query.get('start_date') as string)
    : new Date(end.getTime() - MAX_RANGE_DAYS * 86_400_000);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw new Open311Error(400, 'start_date and end_date must be ISO 8601 date-times');
  }
  if (end < start) throw new Open311Error(400, 'end_date is before start_date');
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new Open311Error(400, `start_date and end_date may be at most ${MAX_RANGE_DAYS} days apart`);
  }
  // `status=open,closed` or `status=open&status=closed`.
  const asked = query
    .getAll('status')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (asked.some((v) => v !== 'open' && v !== 'closed'))
    throw new Open311Error(400, 'status must be open, closed, or both');
  const statuses = [
    ...(asked.length === 0 || asked.includes('open') ? OPEN : []),
    ...(asked.length === 0 || asked.includes('closed') ? CLOSED : []),
  ];
  const serviceCodes = query
    .get('service_code')
    ?.split(',')
    .map((s) => s.trim());
  // Newest filings first from the byProvinceCreated index, filtered by status and service, until
  // MAX_RESULTS match or the window is exhausted. createdAt is Bangkok time: compare in Bangkok time.
  const wanted = new Set(statuses);
  const out = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryFiledBetween(
      province,
      toBangkokIso(start),
      toBangkokIso(end),
      MAX_RESULTS,
      startKey,
    );
    // Read the page's requests 25 at a time: a full listing is 1,000 reads, not 1,000 round trips in a row.
    for (let i = 0; i < page.ids.length && out.length < MAX_RESULTS; i += 25) {
      const items = await Promise.all(page.ids.slice(i, i + 25).map((id) => getRequest(id)));
      for (const item of items) {
        if (!item || !wanted.has(item.status)) continue;
        if (serviceCodes && !serviceCodes.includes(item.serviceCode)) continue;
        const agency = item.agencyId ? agencyRegistry.agencyById(item.agencyId) : undefined;
        out.push(
          toOpen311Request(item, referenceData.serviceByCode(item.serviceCode), agency?.nameEn, extensions),
        );
        if (out.length >= MAX_RESULTS) break;
      }
    }
    startKey = page.next;
  } while (startKey && out.length < MAX_RESULTS);
  return out;
}

/** tokens/{token}: OSS answers POST with the request id itself, so a token is its request id. */
export async function tokenLookup(token: string) {
  const v = await view(token, false);
  if (!v) throw new Open311Error(404, `token ${token} not found`);
  return [{ service_request_id: v.service_request_id, token }];
}
