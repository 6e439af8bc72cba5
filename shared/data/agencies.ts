import type { Agency } from '../schemas/catalogue.ts';
import { districts } from './districts.ts';
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
 * - Local bodies (municipalities, SAOs) by their official Department of Local Administration
 *   code: none yet. No reachable dataset carries those codes, so none are invented; services of
 *   type `local` go to the district office of the request's district, which says so in the
 *   history. Add local bodies here, with their source, as they onboard.
 */
const BANGKOK = '10';

export const agencies: readonly Agency[] = [
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
  ...districts.map((d) => ({
    id: `district-${d.code}`,
    type: 'district' as const,
    provinceCode: d.provinceCode,
    districtCode: d.code,
    nameTh: d.provinceCode === BANGKOK ? `สำนักงานเขต${d.nameTh}` : `ที่ว่าการอำเภอ${d.nameTh}`,
    nameEn:
      d.provinceCode === BANGKOK ? `${d.nameEn} District Office (Bangkok)` : `${d.nameEn} District Office`,
  })),
];
