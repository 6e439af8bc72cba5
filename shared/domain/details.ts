import { THAILAND } from '../data/province-extents.ts';
import type { ServiceField, ServiceRule } from '../schemas/catalogue.ts';
import type { DetailValue } from '../schemas/request.ts';
import type { Issue } from './errors.ts';
import { textProblem } from './text.ts';
import { toBangkokIso } from './time.ts';

const DEFAULT_MAX_LENGTH = { string: 200, text: 4000 } as const;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Years a form may be given in: Christian era, or Buddhist era (พ.ศ. = ค.ศ. + 543). */
const BE_OFFSET = 543;
const CE_YEARS = { min: 1800, max: 2200 } as const;

/** The Christian-era year of a year typed in either era, or undefined when it is neither. */
function ceYear(year: number): number | undefined {
  if (year >= CE_YEARS.min && year <= CE_YEARS.max) return year;
  if (year >= CE_YEARS.min + BE_OFFSET && year <= CE_YEARS.max + BE_OFFSET) return year - BE_OFFSET;
  return undefined;
}

/** `YYYY-MM-DD` or `YYYY-MM` in either era → the Christian-era form, or undefined when invalid. */
function ceDate(value: string, format: 'date' | 'month'): string | undefined {
  const m = format === 'date' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const year = ceYear(Number(m[1]));
  const month = Number(m[2]);
  if (year === undefined || month < 1 || month > 12) return undefined;
  if (format === 'month') return `${year}-${m[2]}`;
  const day = Number(m[3]);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${m[2]}-${m[3]}`;
}

/** Bilingual messages for values of the wrong format, with an example of a good one. */
const FORMAT_MESSAGES: Record<string, (f: ServiceField) => string> = {
  date: (f) =>
    `must be a date like ${f.example ?? '2026-11-23'}, year in ค.ศ. or พ.ศ. (ต้องเป็นวันที่ เช่น ${f.example ?? '2569-11-23'})`,
  month: (f) =>
    `must be a month like ${f.example ?? '2026-11'}, year in ค.ศ. or พ.ศ. (ต้องเป็นเดือน เช่น ${f.example ?? '2569-11'})`,
  money: () => 'must be an amount in baht with at most two decimals (ต้องเป็นจำนวนเงินบาท ทศนิยมไม่เกินสองตำแหน่ง)',
  phone: (f) => `must be a Thai phone number like ${f.example ?? '0812345678'} (ต้องเป็นหมายเลขโทรศัพท์)`,
  email: (f) => `must be an email address like ${f.example ?? 'name@example.go.th'} (ต้องเป็นอีเมล)`,
  pattern: (f) => `must look like ${f.example ?? f.pattern} (ต้องมีรูปแบบเช่น ${f.example ?? f.pattern})`,
  subdistrict: () => 'must be a 6-digit subdistrict code (ต้องเป็นรหัสตำบล 6 หลัก)',
  location: () =>
    `must be "lat,lon" inside Thailand (${THAILAND.south}–${THAILAND.north}° N, ${THAILAND.west}–${THAILAND.east}° E) (ต้องเป็นพิกัดในประเทศไทย)`,
};

const PHONE = /^(0[2-9]\d{7,8}|\+66[2-9]\d{7,8})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface DetailsContext {
  /** Filing time: "today" for past-event dates and ages. */
  readonly now?: Date;
  /** Whether a subdistrict code exists (for `subdistrict` fields). */
  readonly subdistrictExists?: (code: string) => boolean;
}

/**
 * Checks a request's `details` against its service's form fields: required fields present,
 * no unknown fields, each value of the field's datatype and format, within its bounds or list,
 * free text clean; then the service's cross-field rules. Every problem at its own path.
 */
export function validateDetails(
  fields: readonly ServiceField[],
  details: Readonly<Record<string, DetailValue>> = {},
  rules: readonly ServiceRule[] = [],
  ctx: DetailsContext = {},
): Issue[] {
  const issues: Issue[] = [];
  const known = new Map(fields.map((f) => [f.code, f]));
  for (const key of Object.keys(details)) {
    if (!known.has(key)) issues.push({ path: `details.${key}`, message: 'is not a field of this service' });
  }
  for (const field of fields) {
    const path = `details.${field.code}`;
    const value = details[field.code];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      if (field.required) issues.push({ path, message: `is required (${field.labelEn} / ${field.labelTh})` });
      continue;
    }
    const problem = checkValue(field, value, ctx);
    if (problem) issues.push({ path, message: problem });
  }
  if (issues.length === 0) issues.push(...checkRules(rules, fields, details, ctx));
  return issues;
}

function checkValue(field: ServiceField, value: DetailValue, ctx: DetailsContext): string | undefined {
  const allowed = () => field.values.map((v) => v.key);
  switch (field.datatype) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string') return 'must be a string';
      const max = field.max ?? DEFAULT_MAX_LENGTH[field.datatype];
      if (value.length > max) return `must be at most ${max} characters`;
      if (field.min !== undefined && value.trim().length < field.min)
        return `must be at least ${field.min} characters`;
      const dirty = textProblem(value, { multiline: field.datatype === 'text' });
      if (dirty) return `${dirty.en} (${dirty.th})`;
      return field.format ? checkFormat(field, value.trim(), ctx) : undefined;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      if (field.format === 'money' && Math.abs(Math.round(value * 100) - value * 100) > 1e-6) {
        return FORMAT_MESSAGES.money?.(field);
      }
      return undefined;
    }
    case 'datetime':
      if (typeof value !== 'string' || !ISO_DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
        return 'must be an ISO-8601 date-time with a time zone';
      }
      if (field.past && Date.parse(value) > (ctx.now ?? new Date()).getTime()) {
        return 'must not be in the future (ต้องไม่เป็นเวลาในอนาคต)';
      }
      return undefined;
    case 'singlevaluelist':
      if (typeof value !== 'string' || !allowed().includes(value))
        return `must be one of: ${allowed().join(', ')}`;
      return undefined;
    case 'multivaluelist': {
      if (!Array.isArray(value)) return 'must be a list of values';
      const bad = value.filter((v) => !allowed().includes(v));
      if (bad.length > 0)
        return `has values not in the list (${bad.join(', ')}); allowed: ${allowed().join(', ')}`;
      if (new Set(value).size !== value.length) return 'has repeated values';
      return undefined;
    }
  }
}

/** The format check of a string value; undefined when it is fine. */
function checkFormat(field: ServiceField, value: string, ctx: DetailsContext): string | undefined {
  const fail = () => FORMAT_MESSAGES[field.format ?? '']?.(field);
  switch (field.format) {
    case 'date':
    case 'month': {
      const ce = ceDate(value, field.format);
      if (!ce) return fail();
      const today = toBangkokIso(ctx.now ?? new Date()).slice(0, field.format === 'date' ? 10 : 7);
      if (field.past && ce > today) return 'must not be in the future (ต้องไม่เป็นวันในอนาคต)';
      return undefined;
    }
    case 'phone':
      return PHONE.test(value.replace(/[\s-]/g, '')) ? undefined : fail();
    case 'email':
      return EMAIL.test(value) && value.length <= 254 ? undefined : fail();
    case 'pattern':
      return field.pattern && new RegExp(`^(?:${field.pattern})$`, 'u').test(value) ? undefined : fail();
    case 'subdistrict':
      if (!/^\d{6}$/.test(value)) return fail();
      return ctx.subdistrictExists && !ctx.subdistrictExists(value)
        ? `unknown subdistrict "${value}" (ไม่พบรหัสตำบลนี้)`
        : undefined;
    case 'location': {
      const m = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(value);
      const lat = Number(m?.[1]);
      const lon = Number(m?.[2]);
      const inside =
        m && lat >= THAILAND.south && lat <= THAILAND.north && lon >= THAILAND.west && lon <= THAILAND.east;
      return inside ? undefined : fail();
    }
    default:
      return undefined;
  }
}

/** The service's cross-field rules, on details whose fields are each valid. */
function checkRules(
  rules: readonly ServiceRule[],
  fields: readonly ServiceField[],
  details: Readonly<Record<string, DetailValue>>,
  ctx: DetailsContext,
): Issue[] {
  const issues: Issue[] = [];
  for (const rule of rules) {
    const path = `details.${rule.field}`;
    if (rule.kind === 'requiredWhen') {
      const v = details[rule.field];
      if (details[rule.when.field] === rule.when.equals && (v === undefined || v === '')) {
        const label = fields.find((f) => f.code === rule.field);
        issues.push({
          path,
          message: `is required when ${rule.when.field} is ${rule.when.equals} (${label?.labelEn ?? rule.field} / ${label?.labelTh ?? ''})`,
        });
      }
    }
    if (rule.kind === 'minAge') {
      const born = ceDate(String(details[rule.field] ?? ''), 'date');
      if (!born) continue;
      const today = toBangkokIso(ctx.now ?? new Date()).slice(0, 10);
      const age =
        Number(today.slice(0, 4)) - Number(born.slice(0, 4)) - (today.slice(5) < born.slice(5) ? 1 : 0);
      if (age < rule.years) {
        issues.push({
          path,
          message: `the applicant must be at least ${rule.years} years old on the day of filing (is ${age}) (ผู้ยื่นต้องมีอายุอย่างน้อย ${rule.years} ปี)`,
        });
      }
    }
  }
  return issues;
}

/**
 * The details as stored: free text NFC-normalised and trimmed, dates and months in the Christian
 * era (a Buddhist-era year is converted), so every stored request reads the same way.
 */
export function normaliseDetails(
  fields: readonly ServiceField[],
  details: Readonly<Record<string, DetailValue>> = {},
): Record<string, DetailValue> {
  const out: Record<string, DetailValue> = {};
  for (const [key, value] of Object.entries(details)) {
    const field = fields.find((f) => f.code === key);
    if (typeof value !== 'string') {
      out[key] = value;
      continue;
    }
    const text = value.normalize('NFC').trim();
    out[key] =
      field?.format === 'date' || field?.format === 'month' ? (ceDate(text, field.format) ?? text) : text;
  }
  return out;
}
