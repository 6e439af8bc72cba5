import type { Agency, LocalBody } from '../schemas/catalogue.ts';
import data from './local-bodies.json' with { type: 'json' };

/**
 * The registry of local-tier local bodies (municipalities and SAOs) that receive OSS requests,
 * kept in local-bodies.json, each entry naming its own source. It ships empty: no dataset with
 * the Department of Local Administration's codes and service areas was reachable when it was
 * built, and no body is invented. Administrators add a body with
 * `npm run oss -- agency add-local …` (validated), commit and deploy; until a subdistrict's body
 * is registered, `local` services there go to the district office, and the history says so.
 */
// Read as it is: every entry is checked against the LocalBody schema by the tests (and so by CI)
// and by `oss agency add-local` before it is written. Parsing here would build the catalogue's
// zod schemas in every function's cold start.
export const localBodies = data as unknown as readonly LocalBody[];

/** The agency id of a local body: `lao-<DLA code>`. */
export const localBodyAgencyId = (code: string) => `lao-${code}`;

export const localBodyAgencies = (bodies: readonly LocalBody[]): Agency[] =>
  bodies.map((b) => ({
    id: localBodyAgencyId(b.code),
    type: 'local',
    provinceCode: b.provinceCode,
    nameTh: b.nameTh,
    nameEn: b.nameEn,
    stackPart: b.stackPart,
    subdistricts: [...b.subdistricts],
  }));

/**
 * Problems with a registry: codes used twice, subdistricts that do not exist or lie outside the
 * body's province, and subdistricts served by two bodies of the local tier. Checked by the tests
 * (and so by CI) and by `oss agency add-local` before it writes an entry.
 */
export function registryProblems(
  bodies: readonly LocalBody[],
  subdistrictExists: (code: string) => boolean,
): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  const servedBy = new Map<string, string>();
  for (const b of bodies) {
    if (codes.has(b.code)) problems.push(`${b.code}: registered twice`);
    codes.add(b.code);
    for (const s of b.subdistricts) {
      if (!subdistrictExists(s)) problems.push(`${b.code}: unknown subdistrict ${s}`);
      else if (!s.startsWith(b.provinceCode))
        problems.push(`${b.code}: subdistrict ${s} is not in province ${b.provinceCode}`);
      const other = servedBy.get(s);
      if (other && other !== b.code)
        problems.push(`subdistrict ${s} is served by both ${other} and ${b.code}`);
      servedBy.set(s, b.code);
    }
  }
  return problems;
}
