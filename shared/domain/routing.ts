import type { Agency, AgencyType } from '../schemas/catalogue.ts';

export interface AgencyRegistry {
  readonly agencyById: (id: string) => Agency | undefined;
  /** The registered local-tier body (municipality or SAO) serving a subdistrict, if any. */
  readonly localBodyOfSubdistrict: (subdistrictCode: string) => Agency | undefined;
}

export interface RoutingInput {
  readonly agencyType: AgencyType;
  readonly provinceCode: string;
  readonly districtCode?: string;
  readonly subdistrictCode?: string;
}

export interface RoutingDecision {
  readonly agencyId: string;
  /** Why this agency, in the words that go into the history. */
  readonly note: string;
}

/**
 * Picks the one agency legally responsible for a request from its service's agency type and
 * its area. Where the registry has no such agency for the area, the province's Damrongdhama
 * centre takes it, and the note says why.
 */
export function routeRequest(input: RoutingInput, registry: AgencyRegistry): RoutingDecision {
  const { agencyType, provinceCode, districtCode, subdistrictCode } = input;
  const fallback = (why: string): RoutingDecision => {
    const id = `damrongdhama-${provinceCode}`;
    if (!registry.agencyById(id))
      throw new Error(`no Damrongdhama centre registered for province ${provinceCode}`);
    return { agencyId: id, note: `Routed to ${id}: ${why}` };
  };
  const registered = (id: string, note: string, why: string): RoutingDecision =>
    registry.agencyById(id) ? { agencyId: id, note } : fallback(why);

  switch (agencyType) {
    case 'damrongdhama':
      return {
        ...fallback(''),
        note: `Routed to damrongdhama-${provinceCode} (provincial Damrongdhama centre)`,
      };
    case 'pao':
      return registered(
        `pao-${provinceCode}`,
        `Routed to pao-${provinceCode} (provincial administrative organisation)`,
        `no provincial administrative organisation is registered for province ${provinceCode}`,
      );
    case 'district':
      if (!districtCode) return fallback('the request names no district');
      return registered(
        `district-${districtCode}`,
        `Routed to district-${districtCode} (district office)`,
        `no district office is registered for district ${districtCode}`,
      );
    case 'local': {
      const local = subdistrictCode ? registry.localBodyOfSubdistrict(subdistrictCode) : undefined;
      if (local) {
        return {
          agencyId: local.id,
          note: `Routed to ${local.id} (${local.nameEn}), the local government serving subdistrict ${subdistrictCode}`,
        };
      }
      if (!districtCode) return fallback('the request names no district, so its local government is unknown');
      const why = subdistrictCode
        ? `no local government is registered for subdistrict ${subdistrictCode}`
        : 'the request names no subdistrict, so its local government is unknown';
      return registered(
        `district-${districtCode}`,
        `Routed to district-${districtCode}: ${why}, so the district office receives it`,
        `no local government or district office is registered for district ${districtCode}`,
      );
    }
  }
}
