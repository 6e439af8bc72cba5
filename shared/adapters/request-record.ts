import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { RequestItem } from '../schemas/request.ts';

/**
 * How a request is stored. DynamoDB bills a write per started kilobyte, and a request's record
 * passes 1 KB after a few steps (its history grows with every one), so each later step cost two
 * write units or more. A record that would pass 1 KB is stored packed: the attributes that keys,
 * index projections, conditions and updates name stay plain; the rest (applicant, details,
 * documents, bills, history…) becomes one deflated binary attribute, `packed`, about a third of
 * its JSON. A record under 1 KB (a new filing) stays plain, so intake spends no CPU on it.
 * Both forms read back the same; records written before this stay plain until their next step.
 * A plain attribute wins over a packed one of the same name, so an UpdateItem that sets one
 * (an operator's fix, a test moving a date) still reads back as written.
 */

/** Attributes kept plain: table and index keys, index projections, and what expressions name. */
const PLAIN: ReadonlySet<string> = new Set([
  'pk',
  'sk',
  'requestId',
  'version',
  'status',
  'serviceCode',
  'provinceCode',
  'districtCode',
  'agencyId',
  'agencyListKey',
  'openProvince',
  'provinceStatus',
  'createdAt',
  'updatedAt',
  'dueAt',
  'overdue',
  'citizenHash',
  'intakeResends',
  'routingFailedAt',
]);

/** The first byte of `packed`: which dictionary and layout; a record is only ever read by it. */
const FORMAT_1 = 1;

/**
 * Fragments every record repeats, given to deflate as its preset dictionary: small inputs
 * compress far better with one (a 1.5 KB record: 790 B without, 540 B with). Never edit it:
 * records packed under format 1 are read with exactly these bytes. A new one needs FORMAT_2.
 */
const DICTIONARY_1 = Buffer.from(
  [
    '"applicant":{"firstName":"","lastName":"","phone":"","email":"","citizenIdHash":"","citizenIdMasked":"x-xxxx-xxxx',
    '","citizenIdSealed":{"keyId":"","iv":"","data":""}},"details":{},"description":"","location":{"lat":,"lon":,"address":"',
    '"documents":[{"documentId":"","type":"","contentType":"application/pdf","image/jpeg","sizeBytes":,"status":"VERIFIED","key":"requests/","verifiedKey":"verified/","sha256":"',
    '"bills":[{"billId":"","amountSatang":,"ref1":"","ref2":"","status":"ISSUED","PAID"',
    '"channel":"online","serviceVersion":"","tokenHash":"","acceptedAt":"","rating":{"score":,"at":"',
    '"history":[{"at":"2026-","status":"SUBMITTED","actor":"citizen","note":"Filed"},',
    '{"at":"T:.+07:00","status":"ROUTED","actor":"system:router","note":"Routed to damrongdhama-(provincial Damrongdhama centre)"},',
    '{"at":"","status":"IN_PROGRESS","actor":"agency:damrongdhama-","note":"Citizen replied: "},',
    '{"at":"","status":"NEEDS_INFO","actor":"agency:district-","note":""},{"at":"","status":"COMPLETED","actor":"agency:pao-","public":true}]',
  ].join(''),
  'utf8',
);

const WRITE_UNIT_BYTES = 1024;

/** The record as it goes to DynamoDB: as is under 1 KB, else packed. */
export function toStored(item: RequestItem): Record<string, unknown> {
  if (storedSize(item) <= WRITE_UNIT_BYTES) return item;
  const plain: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    (PLAIN.has(name) ? plain : rest)[name] = value;
  }
  const deflated = deflateRawSync(JSON.stringify(rest), { dictionary: DICTIONARY_1 });
  return { ...plain, packed: Buffer.concat([Buffer.from([FORMAT_1]), deflated]) };
}

/** The record as the code knows it, from either stored form. */
export function fromStored(stored: Record<string, unknown>): RequestItem {
  const { packed, ...plain } = stored;
  if (!(packed instanceof Uint8Array)) return stored as RequestItem;
  if (packed[0] !== FORMAT_1)
    throw new Error(`request ${String(plain.pk)}: unknown record format ${packed[0]}`);
  const rest = JSON.parse(inflateRawSync(packed.subarray(1), { dictionary: DICTIONARY_1 }).toString('utf8'));
  return { ...rest, ...plain } as RequestItem;
}

/** An item's size by DynamoDB's rules (attribute names and values; numbers by their digits). */
export function storedSize(value: unknown): number {
  if (typeof value === 'string') return utf8Length(value);
  if (typeof value === 'number') return Math.ceil(String(value).replace(/^-|\.|e.*$/gi, '').length / 2) + 1;
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.length;
  if (Array.isArray(value)) {
    let n = 3;
    for (const v of value) n += 1 + storedSize(v);
    return n;
  }
  if (typeof value === 'object') {
    let n = 3;
    const record = value as Record<string, unknown>;
    for (const name in record) {
      const v = record[name];
      if (v !== undefined) n += utf8Length(name) + 1 + storedSize(v);
    }
    return n;
  }
  return 0;
}

/**
 * Buffer.byteLength(value, 'utf8') in plain JS: every write sizes a record's forty-odd strings,
 * and a native call per string cost more than counting (a lone surrogate counts three bytes, as
 * its replacement character is encoded).
 */
function utf8Length(value: string): number {
  let n = value.length;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c < 0xdc00 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: two code units, four bytes
      i++;
    } else n += 2;
  }
  return n;
}
