import * as z from 'zod/mini';
import { Province, Service } from './catalogue.ts';
import { schema } from './define.ts';

/** The error shape (docs/http-api.md, Errors). */
export const ErrorResponse = /* @__PURE__ */ schema(() =>
  z.object({
    error: z.object({
      code: z.string().check(z.regex(/^[A-Z][A-Z0-9_]*$/)),
      message: z.string(),
      /** The same in Thai. */
      messageTh: z.optional(z.string()),
      issues: z.optional(
        z.array(z.object({ path: z.string(), message: z.string(), messageTh: z.optional(z.string()) })),
      ),
    }),
  }),
);

export const HealthResponse = /* @__PURE__ */ schema(() => z.object({ status: z.literal('ok') }));
export const ProvinceList = /* @__PURE__ */ schema(() =>
  z.object({
    items: z.array(
      z.extend(Province, {
        served: z.boolean().check(z.describe('whether this deployment accepts requests for it')),
      }),
    ),
  }),
);
export const DistrictList = /* @__PURE__ */ schema(() =>
  z.object({
    items: z.array(z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string() })),
  }),
);
export const SubdistrictList = /* @__PURE__ */ schema(() =>
  z.object({
    items: z.array(
      z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string(), postcode: z.string() }),
    ),
  }),
);
/** A service as published: with its catalogue version. */
export const PublishedService = /* @__PURE__ */ schema(() => z.extend(Service, { version: z.string() }));
export const ServiceList = /* @__PURE__ */ schema(() => z.object({ items: z.array(PublishedService) }));

export const DocumentUploadResponse = /* @__PURE__ */ schema(() =>
  z.object({
    documentId: z.string(),
    upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()), expiresAt: z.string() }),
  }),
);

export const RatingResponse = /* @__PURE__ */ schema(() =>
  z.object({
    requestId: z.string(),
    rating: z.object({ score: z.number(), comment: z.optional(z.string()), at: z.string() }),
  }),
);

const StatsBlock = /* @__PURE__ */ schema(() =>
  z.object({
    byStatus: z.record(z.string(), z.number()),
    /** Fees billed and collected (baht); a bill reissued after expiry counts once. */
    payments: z.object({
      billsIssued: z.number(),
      billsPaid: z.number(),
      billedThb: z.number(),
      collectedThb: z.number(),
    }),
    completedWithinSlaPercent: z.nullable(z.number()),
    medianHoursToComplete: z.nullable(z.number()),
    averageRating: z.nullable(z.number()),
    overdue: z.number(),
  }),
);

export const StatsResponse = /* @__PURE__ */ schema(() =>
  z.extend(StatsBlock, {
    provinceCode: z.nullable(z.string()),
    provinces: z.number(),
    byService: z.record(z.string(), StatsBlock),
    generatedAt: z.string(),
  }),
);
