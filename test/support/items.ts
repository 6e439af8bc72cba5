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

/** Valid `details` for each catalogue service used in tests. */
export const SAMPLE_DETAILS: Record<string, Record<string, unknown>> = {
  complaint: { category: 'road', subject: 'ถนนชำรุด / damaged road' },
  'house-number': { buildingType: 'house' },
  'hotel-fee-pao': {
    hotelName: 'Sea View',
    hotelLicenceNo: '20/2566',
    period: '2026-10',
    guestNights: 120,
    roomRevenueThb: 96000,
  },
};

/** A stored request item as intake would write it, for handler tests. */
export function storedRequest(serviceCode: string, requestId: string, extra: Record<string, unknown> = {}) {
  const service = serviceByCode(serviceCode);
  return createRequestItem(
    SubmitRequestBody.parse({
      serviceCode,
      provinceCode: '20',
      ...(service.requiresDistrict && { districtCode: '2001' }),
      applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมหญิง', lastName: 'รักดี' },
      details: SAMPLE_DETAILS[serviceCode] ?? {},
      ...extra,
    }),
    service,
    { requestId, hashKey: 'k', now: new Date('2026-11-23T03:00:00Z'), holidays: new Set() },
  );
}
