import { services } from '../../shared/data/catalogue.ts';
import { createRequestItem } from '../../shared/domain/request.ts';
import type { Service } from '../../shared/schemas/catalogue.ts';
import { SubmitRequestBody } from '../../shared/schemas/submission.ts';
import { VALID_CITIZEN_ID } from './citizen-ids.ts';

export function serviceByCode(code: string): Service {
  const s = services.find((x) => x.code === code);
  if (!s) throw new Error(`catalogue has no ${code}`);
  return s;
}

/** A stored request item as intake would write it, for handler tests. */
export function storedRequest(serviceCode: string, requestId: string, extra: Record<string, unknown> = {}) {
  const service = serviceByCode(serviceCode);
  return createRequestItem(
    SubmitRequestBody.parse({
      serviceCode,
      provinceCode: '20',
      ...(service.requiresDistrict && { districtCode: '2001' }),
      applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมหญิง', lastName: 'รักดี' },
      ...extra,
    }),
    service,
    { requestId, hashKey: 'k', now: new Date('2026-11-23T03:00:00Z'), holidays: new Set() },
  );
}
