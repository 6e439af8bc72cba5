import * as z from 'zod';
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
    type: z.string().regex(/^[a-z][a-z0-9-]*$/),
    nameTh: z.string().min(1),
    nameEn: z.string().min(1),
    contentTypes: z.array(ContentType).min(1),
    maxBytes: z.number().int().positive(),
    /**
     * Welcome but not required (a complaint's photos): the request does not wait for it, and it may
     * be added until the request is finished.
     */
    optional: z.boolean().optional(),
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
    key: z.string().min(1),
    nameTh: z.string().min(1),
    nameEn: z.string().min(1),
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
    code: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    datatype: FieldDatatype,
    required: z.boolean(),
    labelTh: z.string().min(1),
    labelEn: z.string().min(1),
    /** Allowed values for list datatypes; empty otherwise. */
    values: z.array(FieldValue),
    /** Upper bound for string/text lengths and number values (inclusive); optional. */
    max: z.number().optional(),
    min: z.number().optional(),
    format: FieldFormat.optional(),
    /** For `pattern`: the regular expression a value must match in full. */
    pattern: z.string().optional(),
    /** A valid value, shown to people and checked against the field's own rules by the tests. */
    example: z.string().optional(),
    /** For `date`/`month`: the event is in the past (a value after today is refused). */
    past: z.boolean().optional(),
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
      basisPoints: z.number().int().positive().max(10_000),
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
    amountThb: z.number().nonnegative().optional(),
    formula: z.string().optional(),
    calc: FeeCalc.optional(),
    source: z.string().min(1),
  }),
);
export type Fee = z.infer<typeof Fee>;

/** Rules across fields, checked on filing once each field is valid on its own. */
export const ServiceRule = /* @__PURE__ */ schema(() =>
  z.discriminatedUnion('kind', [
    /** The person whose birth date is in `field` is at least `years` old on the day of filing. */
    z.object({ kind: z.literal('minAge'), field: z.string(), years: z.number().int().positive() }),
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
    code: z.string().regex(/^[a-z][a-z0-9-]*$/),
    nameTh: z.string().min(1),
    nameEn: z.string().min(1),
    descriptionTh: z.string().min(1),
    descriptionEn: z.string().min(1),
    agencyType: AgencyType,
    /** Deadline in working days (Mon–Fri, Thai public holidays excluded, Asia/Bangkok). */
    slaDays: z.number().int().positive(),
    /** The fixed fee in baht (0 when none, or when the fee is computed or assessed: see `fee`). */
    feeThb: z.number().nonnegative(),
    fee: Fee,
    /** Whether a district code is required on the request (district-level services). */
    requiresDistrict: z.boolean(),
    requiredDocuments: z.array(RequiredDocument),
    fields: z.array(ServiceField),
    rules: z.array(ServiceRule).optional(),
    /** Where the deadline, fee and documents come from. */
    source: z.string().min(1),
  }),
);
export type Service = z.infer<typeof Service>;

export const Province = /* @__PURE__ */ schema(() =>
  z.object({
    code: z.string().regex(/^\d{2}$/),
    nameTh: z.string().min(1),
    nameEn: z.string().min(1),
  }),
);
export type Province = z.infer<typeof Province>;

export const District = /* @__PURE__ */ schema(() =>
  z.object({
    code: z.string().regex(/^\d{4}$/),
    provinceCode: z.string().regex(/^\d{2}$/),
    nameTh: z.string().min(1),
    nameEn: z.string().min(1),
  }),
);
export type District = z.infer<typeof District>;

/** A subdistrict (ตำบล, and Bangkok's แขวง) with its 6-digit DOPA code: the district's code and two digits. */
export const Subdistrict = /* @__PURE__ */ schema(() =>
  z.object({
    code: z.string().regex(/^\d{6}$/),
    districtCode: z.string().regex(/^\d{4}$/),
    nameTh: z.string().min(1),
    nameEn: z.string().min(1),
    postcode: z.string().regex(/^\d{5}$/),
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
  z
    .object({
      /** The DLA's 7-digit code of the body (รหัส อปท.). */
      code: z.string().regex(/^\d{7}$/, 'must be the 7-digit DLA code'),
      type: LocalBodyType,
      nameTh: z.string().trim().min(1).max(200),
      nameEn: z.string().trim().min(1).max(200),
      provinceCode: z.string().regex(/^\d{2}$/),
      subdistricts: z.array(z.string().regex(/^\d{6}$/)).min(1),
      /** Where this entry comes from (a DLA list, the body's own site, an administrator's order). */
      source: z.string().trim().min(1),
      /** The province's stack part holding its queue (see infra/stacks/province-stack.ts). */
      stackPart: z.number().int().min(1).max(15),
    })
    .strict(),
);
export type LocalBody = z.infer<typeof LocalBody>;

export const Agency = /* @__PURE__ */ schema(() =>
  z.object({
    /** pao-<province>, damrongdhama-<province>, district-<district>, or a local body's official code. */
    id: z.string().regex(/^[a-z0-9-]+$/),
    type: AgencyType,
    provinceCode: z.string().regex(/^\d{2}$/),
    districtCode: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    nameTh: z.string().min(1),
    nameEn: z.string().min(1),
    /**
     * Which of its province's CloudFormation stacks holds this agency's queues (0 = the province
     * stack). Fixed per agency so adding one never moves another's queue; see infra/stacks/province-stack.ts.
     */
    stackPart: z.number().int().min(0).max(15).optional(),
    /** For a local body: the subdistricts it serves. */
    subdistricts: z.array(z.string()).optional(),
  }),
);
export type Agency = z.infer<typeof Agency>;
