import type { District, Province, Service } from '../schemas/catalogue.ts';
import type { SubmitRequestBody } from '../schemas/submission.ts';
import { validateDetails } from './details.ts';
import type { Issue } from './errors.ts';

export interface ReferenceData {
  readonly serviceByCode: (code: string) => Service | undefined;
  readonly provinceByCode: (code: string) => Province | undefined;
  readonly districtByCode: (code: string) => District | undefined;
  /** Whether this deployment serves the province (has its queues); all provinces when absent. */
  readonly isServed?: (provinceCode: string) => boolean;
}

/**
 * Rules of a submission that depend on the reference data: the service, province and district
 * exist and agree, the district is present when the service needs one, and `details` fit the
 * service's fields. Returns every problem at once so a form can show them all.
 */
export function checkSubmission(
  body: SubmitRequestBody,
  ref: ReferenceData,
): { service?: Service; issues: Issue[] } {
  const issues: Issue[] = [];
  const service = ref.serviceByCode(body.serviceCode);
  if (!service) issues.push({ path: 'serviceCode', message: `unknown service "${body.serviceCode}"` });

  const province = ref.provinceByCode(body.provinceCode);
  if (!province) issues.push({ path: 'provinceCode', message: `unknown province "${body.provinceCode}"` });
  else if (ref.isServed && !ref.isServed(province.code)) {
    issues.push({
      path: 'provinceCode',
      message: `province ${province.code} (${province.nameEn}) is not yet served by OSS`,
    });
  }

  if (body.districtCode !== undefined) {
    const district = ref.districtByCode(body.districtCode);
    if (!district) issues.push({ path: 'districtCode', message: `unknown district "${body.districtCode}"` });
    else if (province && district.provinceCode !== province.code) {
      issues.push({
        path: 'districtCode',
        message: `district ${district.code} is not in province ${province.code}`,
      });
    }
  } else if (service?.requiresDistrict) {
    issues.push({ path: 'districtCode', message: `is required for service "${service.code}"` });
  }

  if (service) issues.push(...validateDetails(service.fields, body.details));
  return service ? { service, issues } : { issues };
}
