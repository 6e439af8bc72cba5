import * as z from 'zod';
import { Province, Service } from './catalogue.ts';

/** The error shape (docs/http-api.md, Errors). */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    message: z.string(),
    /** The same in Thai. */
    messageTh: z.string().optional(),
    issues: z
      .array(z.object({ path: z.string(), message: z.string(), messageTh: z.string().optional() }))
      .optional(),
  }),
});

export const HealthResponse = z.object({ status: z.literal('ok') });
export const ProvinceList = z.object({
  items: z.array(
    Province.extend({ served: z.boolean().describe('whether this deployment accepts requests for it') }),
  ),
});
export const DistrictList = z.object({
  items: z.array(z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string() })),
});
export const SubdistrictList = z.object({
  items: z.array(
    z.object({ code: z.string(), nameTh: z.string(), nameEn: z.string(), postcode: z.string() }),
  ),
});
/** A service as published: with its catalogue version. */
export const PublishedService = Service.extend({ version: z.string() });
export const ServiceList = z.object({ items: z.array(PublishedService) });

export const DocumentUploadResponse = z.object({
  documentId: z.string(),
  upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()), expiresAt: z.string() }),
});

export const RatingResponse = z.object({
  requestId: z.string(),
  rating: z.object({ score: z.number(), comment: z.string().optional(), at: z.string() }),
});

const StatsBlock = z.object({
  byStatus: z.record(z.string(), z.number()),
  /** Fees billed and collected (baht); a bill reissued after expiry counts once. */
  payments: z.object({
    billsIssued: z.number(),
    billsPaid: z.number(),
    billedThb: z.number(),
    collectedThb: z.number(),
  }),
  completedWithinSlaPercent: z.number().nullable(),
  medianHoursToComplete: z.number().nullable(),
  averageRating: z.number().nullable(),
  overdue: z.number(),
});

export const StatsResponse = StatsBlock.extend({
  provinceCode: z.string().nullable(),
  provinces: z.number(),
  byService: z.record(z.string(), StatsBlock),
  generatedAt: z.string(),
});
