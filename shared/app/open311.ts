import { randomUUID } from 'node:crypto';
import { queryPublicChanges } from '../adapters/public-changes.ts';
import { getRequest, queryFiledBetween } from '../adapters/requests-table.ts';
import { allDistricts } from '../data/districts.ts';
import { allServices } from '../data/services.ts';
import { AppError } from '../domain/errors.ts';
import { FINAL_STATUSES, withNote } from '../domain/lifecycle.ts';
import { LIMITS } from '../domain/limits.ts';
import {
  billNotice,
  fromOpen311Form,
  type Open311Update,
  toOpen311Request,
  toOpen311Service,
  toOpen311Update,
  toServiceDefinition,
} from '../domain/open311.ts';
import { withBangkokZone } from '../domain/phone.ts';
import { toBangkokIso } from '../domain/time.ts';
import type { Service } from '../schemas/catalogue.ts';
import { MediaUrl, SubmitRequestBody } from '../schemas/submission.ts';
import { clientOfKey } from './api-keys.ts';
import { commitChange } from './commit.ts';
import { agencyRegistry, referenceData } from './reference.ts';
import { submitRequest } from './submit-request.ts';

/**
 * An error in Open311's own shape: `[{code, description}]` with the HTTP status as code, one
 * entry per problem (a POST lists all of its problems, each named by its Open311 parameter).
 */
export class Open311Error extends Error {
  readonly descriptions: readonly string[];
  constructor(
    readonly status: number,
    description: string | readonly string[],
  ) {
    const all = typeof description === 'string' ? [description] : description;
    super(all.join('; '));
    this.descriptions = all;
  }
}

/** Services that need documents are filed on the OSS site: Open311 has no upload and no access token. */
export const offeredThroughOpen311 = (s: Service) => !s.requiredDocuments.some((d) => d.optional !== true);

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
  return allServices().filter(offeredThroughOpen311).map(toOpen311Service);
}

/** A service a client may file through Open311, or the error that says why not. */
function open311Service(code: string) {
  const service = referenceData.serviceByCode(code);
  if (!service) throw new Open311Error(404, `service_code ${code} not found`);
  if (!offeredThroughOpen311(service)) {
    throw new Open311Error(
      404,
      `service_code ${code} needs documents (${service.requiredDocuments.map((d) => d.nameEn).join(', ')}) and is filed on the OSS website, not through Open311`,
    );
  }
  return service;
}

export function serviceDefinition(code: string, jurisdictionId: string | null, served: readonly string[]) {
  const province = jurisdiction(jurisdictionId, served, false);
  const service = open311Service(code);
  return toServiceDefinition(
    service,
    province ? allDistricts().filter((d) => d.provinceCode === province) : [],
  );
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
    'location.addressId': 'address_id',
    location: 'lat',
  };
  if (named[path]) return named[path];
  const detail = /^details\.([A-Za-z0-9]+)/.exec(path);
  return detail ? `attribute[${detail[1]}]` : path;
}

export async function postRequest(form: URLSearchParams, served: readonly string[]) {
  const client = await clientOfKey(form.get('api_key'));
  if (!client) throw new Open311Error(403, 'api_key is missing, unknown or revoked');
  jurisdiction(form.get('jurisdiction_id'), served, true);
  const service = open311Service(form.get('service_code') ?? '');
  const { body, issues } = fromOpen311Form(form, service);
  const parsed = SubmitRequestBody.safeParse(body);
  const problems = [
    ...issues.map((i) => `${i.param}: ${i.message}`),
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => `${open311Name(i.path.join('.'))}: ${i.message}`)),
  ];
  // Every problem, each named by the Open311 parameter the client sent.
  if (!parsed.success || problems.length > 0) throw new Open311Error(400, problems);
  try {
    const created = await submitRequest(parsed.data, undefined, new Date(), undefined, undefined, client);
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
        issues.length > 0 ? issues.map((i) => `${open311Name(i.path)}: ${i.message}`) : error.message,
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

/** A date parameter: ISO 8601; without a zone it is Bangkok time (what a Thai client means). */
function dateParam(query: URLSearchParams, name: string): Date | undefined {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const date = new Date(withBangkokZone(raw.trim().replace(' ', 'T')));
  if (Number.isNaN(date.getTime())) throw new Open311Error(400, `${name} must be an ISO 8601 date-time`);
  return date;
}

/** `start_date`/`end_date`: end defaults to now, start to `defaultMs` before end; at most 90 days apart. */
function dateWindow(query: URLSearchParams, defaultMs: number) {
  const end = dateParam(query, 'end_date') ?? new Date();
  const start = dateParam(query, 'start_date') ?? new Date(end.getTime() - defaultMs);
  if (end < start) throw new Open311Error(400, 'end_date is before start_date');
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) {
    throw new Open311Error(400, `start_date and end_date may be at most ${MAX_RANGE_DAYS} days apart`);
  }
  return { start, end };
}

/** servicerequestupdates answers at most this many changes; the newest are kept when there are more. */
const MAX_UPDATES = 1000;
/** servicerequestupdates reads at most this many items of the change log for one answer (a bound on its cost). */
const MAX_LOG_READS = 5000;
/** Without dates, servicerequestupdates looks back this far (FixMyStreet asks for two hours). */
const DEFAULT_UPDATES_MS = 24 * 3_600_000;

/**
 * GET servicerequestupdates (mySociety's extension, as FixMyStreet polls it): every public status
 * change in the jurisdiction between start_date and end_date, oldest first. They come from the
 * province's change log, which the table's stream fills in batches: a change shows here seconds
 * after it is made (FixMyStreet asks for the last two hours on every run, so it still gets it).
 * The log is read latest minute first, and reading stops once MAX_UPDATES changes are held that
 * are newer than any an unread minute can hold, so a busy window keeps its newest changes.
 */
export async function requestUpdates(query: URLSearchParams, served: readonly string[]) {
  const province = jurisdiction(query.get('jurisdiction_id'), served, true) as string;
  const { start, end } = dateWindow(query, DEFAULT_UPDATES_MS);
  // The log keeps 90 days: an older start would silently miss changes.
  if (start.getTime() < Date.now() - MAX_RANGE_DAYS * 86_400_000) {
    throw new Open311Error(400, `start_date may be at most ${MAX_RANGE_DAYS} days ago`);
  }
  const from = start.getTime();
  const to = end.getTime();
  const found: (Open311Update & { at: number })[] = [];
  const seen = new Set<string>();
  let startKey: Record<string, unknown> | undefined;
  let read = 0;
  reading: do {
    const page = await queryPublicChanges(province, from, to, 100, startKey);
    for (const group of page.groups) {
      // Nothing in this minute or an older one is newer than the minute's end.
      if (found.length >= MAX_UPDATES && (found[MAX_UPDATES - 1]?.at ?? 0) >= group.minuteMs + 60_000) {
        break reading;
      }
      if (++read > MAX_LOG_READS) {
        throw new Open311Error(400, 'too many changes since start_date; ask for a later start_date');
      }
      for (const change of group.changes) {
        const at = Date.parse(change.at);
        const update = toOpen311Update(change);
        // A retried batch may have logged a change twice; its id says so.
        if (at < from || at > to || seen.has(update.update_id)) continue;
        seen.add(update.update_id);
        found.push({ ...update, at });
      }
      found.sort((a, b) => b.at - a.at);
      // Only the newest are answered: a busy window holds no more than that in memory.
      if (found.length > MAX_UPDATES) found.length = MAX_UPDATES;
    }
    startKey = page.next;
  } while (startKey);
  return found
    .slice(0, MAX_UPDATES)
    .reverse()
    .map(({ at: _at, ...update }) => update);
}

/** At most this many comments from Open311 clients on one request: its record keeps room for the agency. */
const COMMENTS_PER_REQUEST = 10;

/**
 * POST servicerequestupdates: a citizen's comment on an open request, sent by an Open311 client
 * (FixMyStreet posts its users' updates this way). It goes on the record as the citizen's, never
 * changes the status (whatever `status` the client sends); the officer sees it in the timeline.
 * The client's `update_id` makes a retry land once; the answer is OSS's own update id.
 */
export async function postRequestUpdate(form: URLSearchParams, served: readonly string[]) {
  const client = await clientOfKey(form.get('api_key'));
  if (!client) throw new Open311Error(403, 'api_key is missing, unknown or revoked');
  const requestId = form.get('service_request_id') ?? '';
  const item = REQUEST_ID.test(requestId) ? await getRequest(requestId) : undefined;
  const jurisdictionId = form.get('jurisdiction_id');
  if (jurisdictionId) jurisdiction(jurisdictionId, served, true);
  if (!item || (jurisdictionId && jurisdictionId !== item.provinceCode)) {
    throw new Open311Error(404, `service_request_id ${requestId} not found`);
  }
  const service = referenceData.serviceByCode(item.serviceCode);
  if (!service || !offeredThroughOpen311(service)) {
    throw new Open311Error(
      400,
      `service_request_id ${requestId} is a ${item.serviceCode} request: comment on it on the OSS website`,
    );
  }
  const problems: string[] = [];
  const description = (form.get('description') ?? '').replace(/\r\n?/g, '\n').trim();
  const mediaUrl = form.get('media_url')?.trim();
  // The comment and its link make one note on the record, bounded like every other note.
  const room = LIMITS.noteChars - (mediaUrl?.length ?? 0);
  if (description.length === 0) problems.push('description: write the comment');
  else if (description.length > room) {
    problems.push(`description: at most ${room} characters with this media_url`);
  }
  const media = mediaUrl ? MediaUrl.safeParse(mediaUrl) : undefined;
  if (media && !media.success)
    problems.push(`media_url: ${media.error.issues[0]?.message ?? 'is not valid'}`);
  else if (mediaUrl && !/^[\x21-\x7e]{1,500}$/.test(mediaUrl)) {
    problems.push('media_url: at most 500 characters, percent-encoded');
  }
  const clientUpdateId = form.get('update_id')?.trim();
  if (clientUpdateId && clientUpdateId.length > 100) problems.push('update_id: at most 100 characters');
  if (problems.length > 0) throw new Open311Error(400, problems);

  // Every comment carries a ref, so all of them count against the limit, with or without update_id.
  const ref = `open311:${client}:${clientUpdateId ?? randomUUID()}`;
  const seen = item.history.findIndex((h) => h.ref === ref);
  if (seen >= 0) return [{ update_id: `${item.requestId}:${seen}` }];
  if (FINAL_STATUSES.has(item.status)) {
    throw new Open311Error(
      400,
      `service_request_id ${requestId} is closed (${item.status}); it takes no comments`,
    );
  }
  const comments = item.history.filter((h) => h.ref?.startsWith('open311:')).length;
  if (comments >= COMMENTS_PER_REQUEST || item.history.length >= LIMITS.historyEntriesBeforeFinish) {
    throw new Open311Error(400, `service_request_id ${requestId} takes no more comments`);
  }
  const noted = withNote(
    item,
    'citizen',
    `Citizen commented through Open311 (${client}): ${description}${mediaUrl ? ` — ${mediaUrl}` : ''}`,
    new Date(),
  );
  const at = noted.history.length - 1;
  const next = { ...noted, history: noted.history.map((h, i) => (i === at ? { ...h, ref } : h)) };
  if (!(await commitChange(item, next))) {
    throw new Open311Error(409, 'The request changed meanwhile; send the comment again.');
  }
  // The officer sees it in the request's timeline. Not sent to the inbox: an inbox message needs an
  // action to clear it, and a comment asks for none (it would come back until it dead-lettered).
  return [{ update_id: `${item.requestId}:${at}` }];
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
  const { start, end } = dateWindow(query, MAX_RANGE_DAYS * 86_400_000);
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
