import { readFileSync, writeFileSync } from 'node:fs';
import { allAgencies } from '../../shared/data/agencies.ts';
import { registryProblems } from '../../shared/data/local-bodies.ts';
import { subdistrictByCode } from '../../shared/data/subdistricts.ts';
import { LocalBody } from '../../shared/schemas/catalogue.ts';
import { AGENCIES_PER_STACK, agencyStackPart } from '../stacks/province-stack.ts';

export interface AddLocalInput {
  readonly code?: string;
  readonly type?: string;
  readonly nameTh?: string;
  readonly nameEn?: string;
  readonly subdistricts?: string;
  readonly source?: string;
  readonly stackPart?: string;
}

/**
 * Adds a local body to the registry file (shared/data/local-bodies.json) after the same checks
 * the build makes: a valid entry, known subdistricts of one province, no subdistrict served twice
 * in the local tier, and a stack part with room (the lowest part ≥ 1 with fewer than 60 agencies
 * when none is given). Returns the entry written; throws with every problem otherwise. The
 * administrator commits the file and deploys.
 */
export function addLocalBody(input: AddLocalInput, registryFile: string): LocalBody {
  const subdistricts = (input.subdistricts ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const provinceCode = subdistricts[0]?.slice(0, 2) ?? '';
  const existing = (JSON.parse(readFileSync(registryFile, 'utf8')) as unknown[]).map((e) =>
    LocalBody.parse(e),
  );
  const parsed = LocalBody.safeParse({
    code: input.code,
    type: input.type,
    nameTh: input.nameTh,
    nameEn: input.nameEn,
    provinceCode,
    subdistricts,
    source: input.source,
    stackPart: input.stackPart ? Number(input.stackPart) : freePart(provinceCode, existing),
  });
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; '),
    );
  }
  const problems = registryProblems([...existing, parsed.data], (s) => subdistrictByCode(s) !== undefined);
  if (problems.length > 0) throw new Error(problems.join('; '));
  writeFileSync(registryFile, `${JSON.stringify([...existing, parsed.data], null, 2)}\n`);
  return parsed.data;
}

/** The lowest stack part (≥ 1, part 0 holds the province's own offices) with room for one more agency. */
function freePart(provinceCode: string, bodies: readonly LocalBody[]): number {
  const counts = new Map<number, number>();
  const inProvince = [
    ...allAgencies().filter((a) => a.provinceCode === provinceCode && a.type !== 'local'),
    ...bodies.filter((b) => b.provinceCode === provinceCode).map((b) => ({ stackPart: b.stackPart })),
  ];
  for (const a of inProvince) {
    const part = 'type' in a ? agencyStackPart(a) : (a.stackPart ?? 0);
    counts.set(part, (counts.get(part) ?? 0) + 1);
  }
  for (let part = 1; part <= 15; part++) if ((counts.get(part) ?? 0) < AGENCIES_PER_STACK) return part;
  throw new Error(`province ${provinceCode} has no stack part with room left`);
}
