import type { District, Service, ServiceField } from '../schemas/catalogue.ts';
import type { Open311Update, PublicChange } from '../schemas/open311.ts';
import type { Bill } from '../schemas/payments.ts';
import type { HistoryEntry, RequestItem, RequestStatus } from '../schemas/request.ts';
import { FINAL_STATUSES, PUBLIC_STATUS } from './lifecycle.ts';
import { formatBaht } from './money.ts';
import { STATUS_LABELS } from './notes-th.ts';
import { normaliseThaiPhone, withBangkokZone } from './phone.ts';

export type { Open311Update };

/**
 * The Open311 GeoReport v2 view of OSS: services with their form fields as attributes, requests
 * with open/closed status (or mySociety's extended statuses on request), the deadline as
 * `expected_datetime`. Pure mapping; the facade function does the HTTP.
 */

/** Attributes OSS needs that Open311 has no field for: asked for like any other attribute. */
export const APPLICANT_ATTRIBUTES = [
  {
    code: 'citizen_id',
    datatype: 'string',
    labelTh: 'เลขประจำตัวประชาชน 13 หลัก',
    labelEn: 'Thai citizen ID (13 digits)',
  },
  { code: 'first_name', datatype: 'string', labelTh: 'ชื่อ', labelEn: 'First name' },
  { code: 'last_name', datatype: 'string', labelTh: 'นามสกุล', labelEn: 'Last name' },
] as const;

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export function toOpen311Service(s: Service): Open311Service {
  return {
    service_code: s.code,
    service_name: `${s.nameTh} / ${s.nameEn}`,
    description: `${s.descriptionTh} — ${s.descriptionEn} (deadline ${s.slaDays} working days)`,
    metadata: true,
    type: 'realtime',
    keywords: [s.nameEn, s.nameTh, s.agencyType].join(','),
    group: s.agencyType,
  };
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: ServiceField['datatype'];
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values: Array<{ key: string; name: string }>;
}

/** A service definition: the applicant attributes, the district where needed, then the service's fields. */
export function toServiceDefinition(s: Service, districts: readonly District[]) {
  const attributes: Open311Attribute[] = [];
  const push = (a: Omit<Open311Attribute, 'order' | 'variable'>) =>
    attributes.push({ variable: true, order: attributes.length + 1, ...a });
  for (const a of APPLICANT_ATTRIBUTES) {
    push({
      code: a.code,
      datatype: a.datatype,
      required: true,
      datatype_description: a.code === 'citizen_id' ? '13 digits with a valid check digit' : null,
      description: `${a.labelTh} / ${a.labelEn}`,
      values: [],
    });
  }
  if (s.requiresDistrict) {
    push({
      code: 'district_code',
      datatype: districts.length > 0 ? 'singlevaluelist' : 'string',
      required: true,
      datatype_description: '4-digit district code (Ministry of Interior)',
      description: 'อำเภอ/เขต / District',
      values: districts.map((d) => ({ key: d.code, name: `${d.nameTh} / ${d.nameEn}` })),
    });
  }
  for (const f of s.fields) {
    push({
      code: f.code,
      datatype: f.datatype,
      required: f.required,
      datatype_description: open311FormatDescription(f),
      description: `${f.labelTh} / ${f.labelEn}`,
      values: f.values.map((v) => ({ key: v.key, name: `${v.nameTh} / ${v.nameEn}` })),
    });
  }
  return { service_code: s.code, attributes };
}

/** Open311 keeps its own datatypes; what OSS means by a field goes in `datatype_description`. */
const FORMAT_DESCRIPTIONS: Record<string, (f: Service['fields'][number]) => string> = {
  date: (f) => `date YYYY-MM-DD, year in CE or BE (e.g. ${f.example ?? '2026-11-23'})`,
  month: (f) => `month YYYY-MM, year in CE or BE (e.g. ${f.example ?? '2026-11'})`,
  money: () => 'amount in Thai baht, at most two decimals',
  phone: (f) => `Thai phone number (e.g. ${f.example ?? '0812345678'})`,
  email: () => 'email address',
  pattern: (f) => `must match ${f.pattern}${f.example ? ` (e.g. ${f.example})` : ''}`,
  subdistrict: () => '6-digit subdistrict code (Ministry of Interior)',
  location: () => 'lat,lon inside Thailand',
};

export function open311FormatDescription(f: Service['fields'][number]): string | null {
  const parts: string[] = [];
  if (f.format) parts.push(FORMAT_DESCRIPTIONS[f.format]?.(f) ?? f.format);
  else if (f.datatype === 'datetime') parts.push('ISO 8601 with time zone');
  if (f.min !== undefined || f.max !== undefined) parts.push(`${f.min ?? ''}–${f.max ?? ''}`);
  if (f.past) parts.push('not in the future');
  return parts.length > 0 ? parts.join('; ') : null;
}

/**
 * The request's notice: its deadline and, where it has a fee, what to pay and how (Open311 has no
 * payment of its own: the amount, the bank references and the expiry are what a client can show).
 */
export function serviceNotice(item: RequestItem, service: Service | undefined): string | null {
  if (!service) return null;
  const parts = [`Deadline ${service.slaDays} working days`];
  const bill = item.bills?.findLast((b) => b.status === 'ISSUED' || b.status === 'FLAGGED');
  const paid = item.bills?.filter((b) => b.status === 'PAID') ?? [];
  if (bill) parts.push(billNotice(bill));
  for (const b of paid) {
    parts.push(
      `Fee ${formatBaht(b.amountSatang)} THB paid, receipt ${b.payment?.receiptNo ?? ''} / ชำระค่าธรรมเนียมแล้ว`,
    );
  }
  if (!bill && paid.length === 0 && service.fee.model !== 'none') {
    parts.push(
      service.fee.model === 'fixed'
        ? `Fee ${formatBaht(Math.round((service.fee.amountThb ?? 0) * 100))} THB`
        : `Fee ${service.fee.model === 'assessed' ? 'assessed by the agency' : `by formula: ${service.fee.formula ?? ''}`}`,
    );
  }
  return parts.join('. ');
}

/** How to pay one bill, in English and Thai. */
export const billNotice = (bill: Pick<Bill, 'amountSatang' | 'billerId' | 'ref1' | 'ref2' | 'expiresAt'>) =>
  `Fee ${formatBaht(bill.amountSatang)} THB due by ${bill.expiresAt}: pay by Thai QR or bill payment, biller ${bill.billerId}, ref1 ${bill.ref1}, ref2 ${bill.ref2} / ชำระค่าธรรมเนียม ${formatBaht(bill.amountSatang)} บาท ภายใน ${bill.expiresAt.slice(0, 10)} รหัสผู้รับชำระ ${bill.billerId} อ้างอิง 1 ${bill.ref1} อ้างอิง 2 ${bill.ref2}`;

export const open311Status = (s: RequestStatus) => (FINAL_STATUSES.has(s) ? 'closed' : 'open');

/**
 * What a public read says about a status: the standard message in both languages, never the
 * words of a note. Notes hold what officers and citizens wrote (reasons, names, phone numbers, a
 * revealed ID's reason) and stay behind the citizen's token and the agency's login.
 */
export const publicStatusNote = (status: RequestStatus) =>
  `${STATUS_LABELS[status].en} / ${STATUS_LABELS[status].th}`;

/**
 * Public coordinates are rounded to 3 decimals (about 110 m): enough to see the street, not the
 * house. The agency sees the exact point. No service in the catalogue is about a public place only
 * (a complaint may be about a neighbour), so every service's point is rounded.
 */
export const publicCoordinate = (v: number | undefined) =>
  v === undefined ? null : Math.round(v * 1000) / 1000;

/** What a public view says of one history entry: the officer's published words, else the standard message. */
const publicSummary = (h: Pick<HistoryEntry, 'status' | 'note' | 'public'>) =>
  h.public && h.note ? `${h.note} (${publicStatusNote(h.status)})` : publicStatusNote(h.status);

/**
 * A request as Open311 shows it: public by the standard's design, so no personal data (no
 * applicant, description or address; those stay behind the citizen's token).
 */
export function toOpen311Request(
  item: RequestItem,
  service: Service | undefined,
  agencyName: string | undefined,
  extensions: boolean,
) {
  return {
    service_request_id: item.requestId,
    status: extensions ? PUBLIC_STATUS[item.status] : open311Status(item.status),
    status_notes: publicSummary(lastStatusEntry(item)),
    service_name: service ? `${service.nameTh} / ${service.nameEn}` : null,
    service_code: item.serviceCode,
    description: null,
    agency_responsible: agencyName ?? null,
    service_notice: serviceNotice(item, service),
    requested_datetime: item.createdAt,
    updated_datetime: item.updatedAt,
    expected_datetime: item.dueAt,
    address: null,
    address_id: null,
    zipcode: null,
    lat: publicCoordinate(item.location?.lat),
    long: publicCoordinate(item.location?.lon),
    media_url: item.mediaUrl ?? null,
    ...(extensions && {
      extended_attributes: {
        oss_status: item.status,
        jurisdiction_id: item.provinceCode,
        overdue: item.overdue === true,
      },
      notes: item.history.map((h) => ({
        datetime: h.at,
        status: PUBLIC_STATUS[h.status],
        actor: h.actor.startsWith('agency:') || h.actor === 'citizen' ? h.actor : 'system',
        summary: publicSummary(h),
      })),
    }),
  };
}

/** A problem with one Open311 parameter, named as the client sent it. */
export interface Open311FormIssue {
  readonly param: string;
  readonly message: string;
}

/**
 * Turns Open311's form fields (`attribute[code]`, `attribute[code][]` for lists) into the native
 * submission body, with the problems only the form can show: an attribute the service does not
 * have, a single-value attribute sent twice, a name given twice differently, no location. Values
 * are never dropped or overwritten silently. Numbers arrive as text and become numbers.
 */
export function fromOpen311Form(
  form: URLSearchParams,
  service: Service | undefined,
): { body: Record<string, unknown>; issues: Open311FormIssue[] } {
  const issues: Open311FormIssue[] = [];
  const fields = new Map((service?.fields ?? []).map((f) => [f.code, f]));
  const known = new Set<string>([
    ...APPLICANT_ATTRIBUTES.map((a) => a.code),
    ...(service?.requiresDistrict ? ['district_code'] : []),
    ...fields.keys(),
  ]);
  // Every attribute the client sent, by code, with all its values.
  const sent = new Map<string, string[]>();
  for (const [key, value] of form) {
    const m = /^attribute\[([^\]]*)\](\[\])?$/.exec(key);
    if (!m) continue;
    const code = m[1] ?? '';
    if (!known.has(code)) {
      if (service) issues.push({ param: key, message: `is not an attribute of service ${service.code}` });
      continue;
    }
    sent.set(code, [...(sent.get(code) ?? []), value]);
  }
  const single = (code: string): string | undefined => {
    const values = sent.get(code);
    if (values && values.length > 1) {
      issues.push({ param: `attribute[${code}]`, message: 'takes one value; it was sent more than once' });
    }
    return values?.[0];
  };
  const details: Record<string, string | number | string[]> = {};
  for (const f of fields.values()) {
    if (f.datatype === 'multivaluelist') {
      const values = (sent.get(f.code) ?? []).filter(Boolean);
      if (values.length > 0) details[f.code] = values;
      continue;
    }
    const given = single(f.code);
    if (given === undefined || given === '') continue;
    // FixMyStreet posts datetime-local values (no zone): they mean Bangkok time here.
    const v =
      f.datatype === 'datetime'
        ? withBangkokZone(given)
        : f.format === 'phone'
          ? normaliseThaiPhone(given)
          : given;
    details[f.code] = f.datatype === 'number' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
  }
  // A name as a top-level parameter and as an attribute must agree (FixMyStreet sends both).
  const name = (code: 'first_name' | 'last_name') => {
    const top = form.getAll(code);
    const attr = single(code);
    if (top.length > 1) issues.push({ param: code, message: 'takes one value; it was sent more than once' });
    if (top[0] !== undefined && attr !== undefined && top[0].trim() !== attr.trim()) {
      issues.push({ param: code, message: `differs from attribute[${code}]; send one name` });
    }
    return top[0] ?? attr ?? '';
  };
  const lat = form.get('lat');
  const lon = form.get('long');
  const address = form.get('address_string')?.trim() || undefined;
  const addressId = form.get('address_id')?.trim() || undefined;
  const hasPoint = Boolean(lat?.trim()) || Boolean(lon?.trim());
  if (hasPoint && !(lat?.trim() && lon?.trim())) {
    issues.push({ param: lat?.trim() ? 'long' : 'lat', message: 'give lat and long together' });
  }
  if (!hasPoint && !address && !addressId) {
    issues.push({
      param: 'lat',
      message: 'a location is required: lat and long, address_string or address_id',
    });
  }
  const point = lat?.trim() && lon?.trim() ? { lat: Number(lat), lon: Number(lon) } : {};
  const location = { ...point, ...(address && { address }), ...(addressId && { addressId }) };
  const firstName = name('first_name');
  const lastName = name('last_name');
  const district = single('district_code');
  const citizenId = single('citizen_id');
  return {
    body: {
      serviceCode: form.get('service_code') ?? '',
      provinceCode: form.get('jurisdiction_id') ?? '',
      ...(district && { districtCode: district }),
      applicant: {
        citizenId: citizenId ?? '',
        firstName,
        lastName,
        ...(form.get('phone') && { phone: normaliseThaiPhone(form.get('phone') ?? '') }),
        ...(form.get('email') && { email: form.get('email') }),
      },
      details,
      ...(form.get('description') && { description: form.get('description') }),
      ...(Object.keys(location).length > 0 && { location }),
      ...(form.get('media_url') && { mediaUrl: form.get('media_url') }),
    },
    issues,
  };
}

/** The entry that set the request's current status (the last one whose status differs from the one before). */
function lastStatusEntry(item: RequestItem): HistoryEntry {
  const h = item.history;
  for (let i = h.length - 1; i > 0; i--) {
    if (h[i]?.status !== h[i - 1]?.status) return h[i] as HistoryEntry;
  }
  return h[0] as HistoryEntry;
}

/**
 * The public status changes among a request's history entries from `fromIndex` on: every entry
 * after the filing whose public status differs from the entry before it. Comments, replies and
 * routing keep the public status and are not listed. Given the length of the history a step
 * started from, it names exactly the changes that step made.
 */
export function publicChanges(item: RequestItem, fromIndex = 1): PublicChange[] {
  const out: PublicChange[] = [];
  const h = item.history;
  for (let i = Math.max(1, fromIndex); i < h.length; i++) {
    const entry = h[i] as HistoryEntry;
    if (PUBLIC_STATUS[entry.status] === PUBLIC_STATUS[(h[i - 1] as HistoryEntry).status]) continue;
    out.push({
      requestId: item.requestId,
      index: i,
      status: entry.status,
      at: entry.at,
      ...(entry.public && entry.note && { note: entry.note }),
    });
  }
  return out;
}

/**
 * A public change as servicerequestupdates shows it, with a stable id (request id and entry
 * position); the words are the standard message unless the officer published theirs.
 */
export const toOpen311Update = (c: PublicChange): Open311Update => ({
  update_id: `${c.requestId}:${c.index}`,
  service_request_id: c.requestId,
  status: PUBLIC_STATUS[c.status],
  updated_datetime: c.at,
  description: publicSummary({ status: c.status, note: c.note, public: c.note !== undefined }),
  media_url: null,
  external_status_code: c.status,
});
