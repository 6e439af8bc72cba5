import type { Agency } from '../schemas/catalogue.ts';
import { allDistricts } from './districts.ts';
import { onFirstUse } from './first-use.ts';
import { localBodies, localBodyAgencies } from './local-bodies.ts';
import { provinces } from './provinces.ts';

/**
 * The agency registry: who can receive requests, generated from the province and district
 * lists (same sources).
 *
 * - `damrongdhama-<province>`: the provincial Damrongdhama centre (ศูนย์ดำรงธรรมจังหวัด), one per
 *   province, Bangkok included.
 * - `pao-<province>`: the provincial administrative organisation (องค์การบริหารส่วนจังหวัด), one per
 *   province except Bangkok, which has no PAO (the Bangkok Metropolitan Administration is a
 *   special local government); PAO services filed in Bangkok go to its Damrongdhama centre.
 * - `district-<code>`: the district office (ที่ว่าการอำเภอ / สำนักงานเขต), one per listed district.
 * - `lao-<DLA code>`: local bodies of the local tier (municipalities, SAOs) from the registry in
 *   local-bodies.ts, each with the subdistricts it serves and its source. Where none serves a
 *   request's subdistrict, services of type `local` go to the district office, which the history
 *   says.
 */
const BANGKOK = '10';

/** Built on first use (some 1,100 entries): a function that never looks an agency up never pays for it. */
export const allAgencies: () => readonly Agency[] = onFirstUse((): Agency[] => [
  ...provinces.map((p) => ({
    id: `damrongdhama-${p.code}`,
    type: 'damrongdhama' as const,
    provinceCode: p.code,
    nameTh: `ศูนย์ดำรงธรรมจังหวัด${p.nameTh}`,
    nameEn: `${p.nameEn} Provincial Damrongdhama Centre`,
  })),
  ...provinces
    .filter((p) => p.code !== BANGKOK)
    .map((p) => ({
      id: `pao-${p.code}`,
      type: 'pao' as const,
      provinceCode: p.code,
      nameTh: `องค์การบริหารส่วนจังหวัด${p.nameTh}`,
      nameEn: `${p.nameEn} Provincial Administrative Organisation`,
    })),
  ...allDistricts().map((d) => ({
    id: `district-${d.code}`,
    type: 'district' as const,
    provinceCode: d.provinceCode,
    districtCode: d.code,
    // Bangkok's khet names already carry their prefix (เขต… / Khet …).
    nameTh: d.provinceCode === BANGKOK ? `สำนักงาน${d.nameTh}` : `ที่ว่าการอำเภอ${d.nameTh}`,
    nameEn:
      d.provinceCode === BANGKOK
        ? `${d.nameEn.replace(/^Khet /, '')} District Office (Bangkok)`
        : `${d.nameEn} District Office`,
  })),
  ...localBodyAgencies(localBodies),
]);
