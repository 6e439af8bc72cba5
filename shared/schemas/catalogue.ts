import * as z from 'zod/mini';
import { ContentType } from './content-type.ts';
import { schema } from './define.ts';

/** Who is legally responsible for a service; the router maps it to one agency id. */
export const AgencyType = /* @__PURE__ */ schema(() =>
  z.enum([
    'damrongdhama', // provincial Damrongdhama centre (ศูนย์ดำรงธรรมจังหวัด): damrongdhama-<province>
    'pao', // provincial administrative organisation (อบจ.): pao-<province>
    'district', // district office / district registration office (ที่ว่าการอำเภอ): district-<district>
    'local', // local government (เทศบาล / อบต.) of the area; falls back to the district office where none is registered
  ]),
);
export type AgencyType = z.infer<typeof AgencyType>;

// In a module of its own: the request schema needs it without building the whole catalogue's.
export { ContentType };

export const RequiredDocument = /* @__PURE__ */ schema(() =>
  z.object({
    type: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/)),
    nameTh: z.string().check(z.minLength(1)),
    nameEn: z.string().check(z.minLength(1)),
    contentTypes: z.array(ContentType).check(z.minLength(1)),
    maxBytes: z.int().check(z.positive()),
    /**
     * Welcome but not required (a complaint's photos): the request does not wait for it, and it may
     * be added until the request is finished.
     */
    optional: z.optional(z.boolean()),
  }),
);
export type RequiredDocument = z.infer<typeof RequiredDocument>;

/** Open311-compatible datatypes, so the Open311 facade can expose fields as attributes unchanged. */
export const FieldDatatype = /* @__PURE__ */ schema(() =>
  z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
);
export type FieldDatatype = z.infer<typeof FieldDatatype>;

export const FieldValue = /* @__PURE__ */ schema(() =>
  z.object({
    key: z.string().check(z.minLength(1)),
    nameTh: z.string().check(z.minLength(1)),
    nameEn: z.string().check(z.minLength(1)),
  }),
);

/**
 * What a field's value means, beyond its datatype: the form engine checks it, the OpenAPI document
 * and Open311's `datatype_description` publish it.
 * - `date` (YYYY-MM-DD) and `month` (YYYY-MM): Christian-era or Buddhist-era years (พ.ศ. = ค.ศ. + 543),
 *   stored in the Christian era;
 * - `money`: Thai baht, at most two decimals; `phone`: a Thai phone number; `email`;
 * - `pattern`: the field's `pattern` (a regular expression; `example` must match it);
 * - `subdistrict`: a 6-digit subdistrict code; `location`: `lat,lon` inside Thailand.
 */
export const FieldFormat = /* @__PURE__ */ schema(() =>
  z.enum(['date', 'month', 'money', 'phone', 'email', 'pattern', 'subdistrict', 'location']),
);
export type FieldFormat = z.infer<typeof FieldFormat>;

export const ServiceField = /* @__PURE__ */ schema(() =>
  z.object({
    code: z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9]*$/)),
    datatype: FieldDatatype,
    required: z.boolean(),
    labelTh: z.string().check(z.minLength(1)),
    labelEn: z.string().check(z.minLength(1)),
    /** Allowed values for list datatypes; empty otherwise. */
    values: z.array(FieldValue),
    /** Upper bound for string/text lengths and number values (inclusive); optional. */
    max: z.optional(z.number()),
    min: z.optional(z.number()),
    format: z.optional(FieldFormat),
    /** For `pattern`: the regular expression a value must match in full. */
    pattern: z.optional(z.string()),
    /** A valid value, shown to people and checked against the field's own rules by the tests. */
    example: z.optional(z.string()),
    /** For `date`/`month`: the event is in the past (a value after today is refused). */
    past: z.optional(z.boolean()),
  }),
);
export type ServiceField = z.infer<typeof ServiceField>;

/**
 * How a formula fee is computed, so the amount is the system's arithmetic, never typed in:
 * - `rateOfField`: a rate (basis points, 100 = 1 %) of a money field of the filing, charged at
 *   filing (the PAO hotel levy on the room revenue declared);
 * - `landBuildingTax`: the Land and Building Tax Act's use bands over an appraised value, priced
 *   when the local body bills its assessment (the agency action `bill` with `assessment`).
 */
export const FeeCalc = /* @__PURE__ */ schema(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('rateOfField'),
      field: z.string(),
      basisPoints: z.int().check(z.positive(), z.maximum(10_000)),
    }),
    z.object({ kind: z.literal('landBuildingTax') }),
  ]),
);
export type FeeCalc = z.infer<typeof FeeCalc>;

/**
 * How a service's fee is set (DESIGN.md §10): none; fixed (`amountThb`, paid at filing); a
 * formula (`formula` in words, `calc` for the arithmetic, with its legal source); or assessed by
 * the agency while it works on the request (the action `bill`).
 */
export const Fee = /* @__PURE__ */ schema(() =>
  z.object({
    model: z.enum(['none', 'fixed', 'formula', 'assessed']),
    amountThb: z.optional(z.number().check(z.nonnegative())),
    formula: z.optional(z.string()),
    calc: z.optional(FeeCalc),
    source: z.string().check(z.minLength(1)),
  }),
);
export type Fee = z.infer<typeof Fee>;

/** Rules across fields, checked on filing once each field is valid on its own. */
export const ServiceRule = /* @__PURE__ */ schema(() =>
  z.discriminatedUnion('kind', [
    /** The person whose birth date is in `field` is at least `years` old on the day of filing. */
    z.object({ kind: z.literal('minAge'), field: z.string(), years: z.int().check(z.positive()) }),
    /** `field` is required when `when.field` has the value `when.equals`. */
    z.object({
      kind: z.literal('requiredWhen'),
      field: z.string(),
      when: z.object({ field: z.string(), equals: z.string() }),
    }),
  ]),
);
export type ServiceRule = z.infer<typeof ServiceRule>;

export const Service = /* @__PURE__ */ schema(() =>
  z.object({
    code: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/)),
    nameTh: z.string().check(z.minLength(1)),
    nameEn: z.string().check(z.minLength(1)),
    descriptionTh: z.string().check(z.minLength(1)),
    descriptionEn: z.string().check(z.minLength(1)),
    agencyType: AgencyType,
    /** Deadline in working days (Mon–Fri, Thai public holidays excluded, Asia/Bangkok). */
    slaDays: z.int().check(z.positive()),
    /** The fixed fee in baht (0 when none, or when the fee is computed or assessed: see `fee`). */
    feeThb: z.number().check(z.nonnegative()),
    fee: Fee,
    /** Whether a district code is required on the request (district-level services). */
    requiresDistrict: z.boolean(),
    requiredDocuments: z.array(RequiredDocument),
    fields: z.array(ServiceField),
    rules: z.optional(z.array(ServiceRule)),
    /** Where the deadline, fee and documents come from. */
    source: z.string().check(z.minLength(1)),
  }),
);
export type Service = z.infer<typeof Service>;

export const Province = /* @__PURE__ */ schema(() =>
  z.object({
    code: z.string().check(z.regex(/^\d{2}$/)),
    nameTh: z.string().check(z.minLength(1)),
    nameEn: z.string().check(z.minLength(1)),
  }),
);
export type Province = z.infer<typeof Province>;

export const District = /* @__PURE__ */ schema(() =>
  z.object({
    code: z.string().check(z.regex(/^\d{4}$/)),
    provinceCode: z.string().check(z.regex(/^\d{2}$/)),
    nameTh: z.string().check(z.minLength(1)),
    nameEn: z.string().check(z.minLength(1)),
  }),
);
export type District = z.infer<typeof District>;

/** A subdistrict (ตำบล, and Bangkok's แขวง) with its 6-digit DOPA code: the district's code and two digits. */
export const Subdistrict = /* @__PURE__ */ schema(() =>
  z.object({
    code: z.string().check(z.regex(/^\d{6}$/)),
    districtCode: z.string().check(z.regex(/^\d{4}$/)),
    nameTh: z.string().check(z.minLength(1)),
    nameEn: z.string().check(z.minLength(1)),
    postcode: z.string().check(z.regex(/^\d{5}$/)),
  }),
);
export type Subdistrict = z.infer<typeof Subdistrict>;

/** Tiers of local government: a province's PAO, and the local tier (municipalities and SAOs). */
export const LocalBodyType = /* @__PURE__ */ schema(() =>
  z.enum([
    'municipality-city', // เทศบาลนคร
    'municipality-town', // เทศบาลเมือง
    'municipality-subdistrict', // เทศบาลตำบล
    'sao', // องค์การบริหารส่วนตำบล
  ]),
);
export type LocalBodyType = z.infer<typeof LocalBodyType>;

/**
 * A local body (อปท.) of the local tier, registered in shared/data/local-bodies.json: its
 * Department of Local Administration code, names, type, province and the subdistricts it serves.
 */
export const LocalBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    /** The DLA's 7-digit code of the body (รหัส อปท.). */
    code: z.string().check(z.regex(/^\d{7}$/, 'must be the 7-digit DLA code')),
    type: LocalBodyType,
    nameTh: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    nameEn: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    provinceCode: z.string().check(z.regex(/^\d{2}$/)),
    subdistricts: z.array(z.string().check(z.regex(/^\d{6}$/))).check(z.minLength(1)),
    /** Where this entry comes from (a DLA list, the body's own site, an administrator's order). */
    source: z.string().check(z.trim(), z.minLength(1)),
    /** The province's stack part holding its queue (see infra/stacks/province-stack.ts). */
    stackPart: z.int().check(z.minimum(1), z.maximum(15)),
  }),
);
export type LocalBody = z.infer<typeof LocalBody>;

export const Agency = /* @__PURE__ */ schema(() =>
  z.object({
    /** pao-<province>, damrongdhama-<province>, district-<district>, or a local body's official code. */
    id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
    type: AgencyType,
    provinceCode: z.string().check(z.regex(/^\d{2}$/)),
    districtCode: z.optional(z.string().check(z.regex(/^\d{4}$/))),
    nameTh: z.string().check(z.minLength(1)),
    nameEn: z.string().check(z.minLength(1)),
    /**
     * Which of its province's CloudFormation stacks holds this agency's queues (0 = the province
     * stack). Fixed per agency so adding one never moves another's queue; see infra/stacks/province-stack.ts.
     */
    stackPart: z.optional(z.int().check(z.minimum(0), z.maximum(15))),
    /** For a local body: the subdistricts it serves. */
    subdistricts: z.optional(z.array(z.string())),
  }),
);
export type Agency = z.infer<typeof Agency>;
