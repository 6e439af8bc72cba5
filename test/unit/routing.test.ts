import { describe, expect, it } from 'vitest';
import { type AgencyRegistry, routeRequest } from '../../shared/domain/routing.ts';
import type { Agency } from '../../shared/schemas/catalogue.ts';

const agency = (id: string, type: Agency['type'], districtCode?: string): Agency => ({
  id,
  type,
  provinceCode: '20',
  ...(districtCode && { districtCode }),
  nameTh: id,
  nameEn: id,
});

const known = [
  agency('damrongdhama-20', 'damrongdhama'),
  agency('pao-20', 'pao'),
  agency('district-2001', 'district', '2001'),
  agency('district-2002', 'district', '2002'),
  agency('damrongdhama-10', 'damrongdhama'),
  { ...agency('lao-2000201', 'local'), subdistricts: ['200201', '200202'] },
];
const registry: AgencyRegistry = {
  agencyById: (id) => known.find((a) => a.id === id),
  localBodyOfSubdistrict: (s) => known.find((a) => a.type === 'local' && a.subdistricts?.includes(s)),
};

describe('routing a request to the agency responsible', () => {
  it('sends Damrongdhama and PAO services to the province’s centre and PAO', () => {
    expect(routeRequest({ agencyType: 'damrongdhama', provinceCode: '20' }, registry).agencyId).toBe(
      'damrongdhama-20',
    );
    expect(routeRequest({ agencyType: 'pao', provinceCode: '20' }, registry)).toEqual({
      agencyId: 'pao-20',
      note: 'Routed to pao-20 (provincial administrative organisation)',
    });
  });

  it('sends district services to the district office of the request’s district', () => {
    expect(
      routeRequest({ agencyType: 'district', provinceCode: '20', districtCode: '2001' }, registry).agencyId,
    ).toBe('district-2001');
  });

  it('sends local services to the body serving the subdistrict, else to the district office, saying why', () => {
    const served = routeRequest(
      { agencyType: 'local', provinceCode: '20', districtCode: '2002', subdistrictCode: '200202' },
      registry,
    );
    expect(served.agencyId).toBe('lao-2000201');
    expect(served.note).toMatch(/serving subdistrict 200202/);
    const viaDistrict = routeRequest(
      { agencyType: 'local', provinceCode: '20', districtCode: '2002', subdistrictCode: '200203' },
      registry,
    );
    expect(viaDistrict.agencyId).toBe('district-2002');
    expect(viaDistrict.note).toBe(
      'Routed to district-2002: no local government is registered for subdistrict 200203, so the district office receives it',
    );
    const noSubdistrict = routeRequest(
      { agencyType: 'local', provinceCode: '20', districtCode: '2001' },
      registry,
    );
    expect(noSubdistrict.agencyId).toBe('district-2001');
    expect(noSubdistrict.note).toMatch(/names no subdistrict/);
  });

  it('falls back to the Damrongdhama centre when no agency is registered for the area, saying why', () => {
    const noPao = routeRequest({ agencyType: 'pao', provinceCode: '10' }, registry);
    expect(noPao.agencyId).toBe('damrongdhama-10');
    expect(noPao.note).toMatch(/no provincial administrative organisation is registered for province 10/);
    const noDistrict = routeRequest({ agencyType: 'district', provinceCode: '20' }, registry);
    expect(noDistrict).toEqual({
      agencyId: 'damrongdhama-20',
      note: 'Routed to damrongdhama-20: the request names no district',
    });
    const unknownDistrict = routeRequest(
      { agencyType: 'district', provinceCode: '20', districtCode: '2099' },
      registry,
    );
    expect(unknownDistrict.agencyId).toBe('damrongdhama-20');
  });

  it('fails loudly when even the Damrongdhama centre is missing (a configuration error)', () => {
    expect(() => routeRequest({ agencyType: 'pao', provinceCode: '93' }, registry)).toThrow(
      /no Damrongdhama centre/,
    );
  });
});
