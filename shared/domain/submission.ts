import { THAILAND } from '../data/province-extents.ts';
import type { District, Province, Service, Subdistrict } from '../schemas/catalogue.ts';
import type { SubmitRequestBody } from '../schemas/submission.ts';
import { validateDetails } from './details.ts';
import type { Issue } from './errors.ts';

export interface ReferenceData {
  readonly serviceByCode: (code: string) => Service | undefined;
  readonly provinceByCode: (code: string) => Province | undefined;
  readonly districtByCode: (code: string) => District | undefined;
  readonly subdistrictByCode?: (code: string) => Subdistrict | undefined;
  /** A province's extent `[south, west, north, east]`, where known. */
  readonly provinceExtent?: (provinceCode: string) => readonly [number, number, number, number] | undefined;
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
  now: Date = new Date(),
  signedIn = false,
): { service?: Service; issues: Issue[] } {
  const issues: Issue[] = [];
  // Who files: typed in, unless ThaiD says (a signed-in citizen).
  if (!signedIn) {
    for (const key of ['citizenId', 'firstName', 'lastName'] as const) {
      if (body.applicant[key] === undefined) {
        issues.push({
          path: `applicant.${key}`,
          message: key === 'citizenId' ? 'is required (or sign in with ThaiD)' : 'is required',
        });
      }
    }
  }
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

  // A subdistrict names its district (its first four digits) when the district is not given.
  const districtCode = body.districtCode ?? body.subdistrictCode?.slice(0, 4);
  if (districtCode !== undefined) {
    const district = ref.districtByCode(districtCode);
    const path = body.districtCode !== undefined ? 'districtCode' : 'subdistrictCode';
    if (!district) issues.push({ path, message: `unknown district "${districtCode}"` });
    else if (province && district.provinceCode !== province.code) {
      issues.push({ path, message: `district ${district.code} is not in province ${province.code}` });
    }
  } else if (service?.requiresDistrict) {
    issues.push({ path: 'districtCode', message: `is required for service "${service.code}"` });
  }

  if (body.subdistrictCode !== undefined) issues.push(...checkSubdistrict(body, ref));
  const { lat, lon } = body.location ?? {};
  if (lat !== undefined && lon !== undefined)
    issues.push(...checkLocation({ lat, lon }, province?.code, ref));

  if (service) {
    issues.push(
      ...validateDetails(service.fields, body.details, service.rules, {
        now,
        ...(ref.subdistrictByCode && {
          subdistrictExists: (code: string) => ref.subdistrictByCode?.(code) !== undefined,
        }),
      }),
    );
  }
  return service ? { service, issues } : { issues };
}

/** The subdistrict exists and lies in the request's district (and so its province). */
function checkSubdistrict(body: SubmitRequestBody, ref: ReferenceData): Issue[] {
  const code = body.subdistrictCode ?? '';
  const subdistrict = ref.subdistrictByCode?.(code);
  if (!subdistrict) return [{ path: 'subdistrictCode', message: `unknown subdistrict "${code}"` }];
  if (body.districtCode !== undefined && subdistrict.districtCode !== body.districtCode) {
    return [
      { path: 'subdistrictCode', message: `subdistrict ${code} is not in district ${body.districtCode}` },
    ];
  }
  if (!code.startsWith(body.provinceCode)) {
    return [
      { path: 'subdistrictCode', message: `subdistrict ${code} is not in province ${body.provinceCode}` },
    ];
  }
  return [];
}

/** How far (degrees, ≈ 30 km) a point may lie outside the box of a province's reference points. */
const EXTENT_MARGIN = 0.3;

/** A location lies inside Thailand and, where the province's extent is known, in or near it. */
export function checkLocation(
  location: { lat: number; lon: number },
  provinceCode: string | undefined,
  ref: Pick<ReferenceData, 'provinceExtent'>,
): Issue[] {
  const { lat, lon } = location;
  if (lat < THAILAND.south || lat > THAILAND.north || lon < THAILAND.west || lon > THAILAND.east) {
    return [
      {
        path: 'location',
        message: `must lie inside Thailand (${THAILAND.south}–${THAILAND.north}° N, ${THAILAND.west}–${THAILAND.east}° E)`,
      },
    ];
  }
  const extent = provinceCode ? ref.provinceExtent?.(provinceCode) : undefined;
  if (extent) {
    const [south, west, north, east] = extent;
    const m = EXTENT_MARGIN;
    if (lat < south - m || lat > north + m || lon < west - m || lon > east + m) {
      return [{ path: 'location', message: `is not in or near province ${provinceCode}` }];
    }
  }
  return [];
}
