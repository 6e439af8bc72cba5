import type { District, Service, ServiceField } from '../schemas/catalogue.ts';
import type { Bill } from '../schemas/payments.ts';
import type { RequestItem, RequestStatus } from '../schemas/request.ts';
import { FINAL_STATUSES } from './lifecycle.ts';
import { formatBaht } from './money.ts';
import { STATUS_LABELS } from './notes-th.ts';
import { normaliseThaiPhone, withBangkokZone } from './phone.ts';

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

/** mySociety's extended statuses (FixMyStreet Open311 extensions), for clients that ask. */
const EXTENDED: Record<RequestStatus, string> = {
  AWAITING_DOCUMENTS: 'open',
  AWAITING_PAYMENT: 'open',
  SUBMITTED: 'open',
  ROUTED: 'open',
  IN_PROGRESS: 'in_progress',
  NEEDS_INFO: 'investigating',
  COMPLETED: 'fixed',
  REJECTED: 'no_further_action',
  CANCELLED: 'closed',
};

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
    status: extensions ? EXTENDED[item.status] : open311Status(item.status),
    status_notes: publicStatusNote(item.status),
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
    lat: item.location?.lat ?? null,
    long: item.location?.lon ?? null,
    media_url: item.mediaUrl ?? null,
    ...(extensions && {
      extended_attributes: {
        oss_status: item.status,
        jurisdiction_id: item.provinceCode,
        overdue: item.overdue === true,
      },
      notes: item.history.map((h) => ({
        datetime: h.at,
        status: EXTENDED[h.status],
        actor: h.actor.startsWith('agency:') || h.actor === 'citizen' ? h.actor : 'system',
        summary: publicStatusNote(h.status),
      })),
    }),
  };
}

/**
 * Turns Open311's form fields (`attribute[code]`, `attribute[code][]` for lists) into the
 * native submission body. Numbers arrive as text and become numbers for number fields.
 */
export function fromOpen311Form(form: URLSearchParams, service: Service | undefined) {
  const attr = (code: string) => form.get(`attribute[${code}]`) ?? undefined;
  const details: Record<string, string | number | string[]> = {};
  for (const f of service?.fields ?? []) {
    if (f.datatype === 'multivaluelist') {
      const values = [
        ...form.getAll(`attribute[${f.code}][]`),
        ...form.getAll(`attribute[${f.code}]`),
      ].filter(Boolean);
      if (values.length > 0) details[f.code] = values;
      continue;
    }
    const given = attr(f.code);
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
  const lat = form.get('lat');
  const lon = form.get('long');
  const address = form.get('address_string') ?? undefined;
  return {
    serviceCode: form.get('service_code') ?? '',
    provinceCode: form.get('jurisdiction_id') ?? '',
    ...(attr('district_code') && { districtCode: attr('district_code') }),
    applicant: {
      citizenId: attr('citizen_id') ?? '',
      firstName: form.get('first_name') ?? attr('first_name') ?? '',
      lastName: form.get('last_name') ?? attr('last_name') ?? '',
      ...(form.get('phone') && { phone: normaliseThaiPhone(form.get('phone') ?? '') }),
      ...(form.get('email') && { email: form.get('email') }),
    },
    details,
    ...(form.get('description') && { description: form.get('description') }),
    ...(lat && lon && { location: { lat: Number(lat), lon: Number(lon), ...(address && { address }) } }),
    ...(form.get('media_url') && { mediaUrl: form.get('media_url') }),
  };
}
