import type { Node } from 'constructs';
import { provinces as allProvinces } from '../shared/data/provinces.ts';
import type { Province } from '../shared/schemas/catalogue.ts';

/** The five PAOs that piloted OSS (DESIGN.md §1): Chon Buri, Phatthalung, Phrae, Sakon Nakhon, Suphan Buri. */
export const PILOT_PROVINCES = ['20', '93', '54', '47', '72'] as const;

/** AWS Asia Pacific (Thailand). */
export const DEFAULT_REGION = 'ap-southeast-7';

/**
 * The environments, one CDK Stage each, and what each serves unless `-c provinces=` says
 * otherwise: development and staging the five pilot provinces, production the whole country.
 */
export const ENVIRONMENTS: Readonly<Record<string, { readonly provinces: string }>> = {
  dev: { provinces: PILOT_PROVINCES.join(',') },
  staging: { provinces: PILOT_PROVINCES.join(',') },
  prod: { provinces: 'all' },
};

export interface OssConfig {
  /** Environment name, e.g. `dev` or `prod`; one CDK Stage each. */
  readonly envName: string;
  readonly provinces: readonly Province[];
  readonly region: string;
  readonly account: string | undefined;
}

/**
 * Reads the typed configuration from CDK context (`-c provinces=20,93`, `-c provinces=all`,
 * `-c env=prod`, `-c region=...`). Fails fast on an unknown province code so a typo never
 * deploys a half-configured nation.
 */
export function readConfig(node: Node): OssConfig {
  const envName = String(node.tryGetContext('env') ?? 'dev');
  const environment = ENVIRONMENTS[envName];
  if (!environment) {
    throw new Error(`context env must be one of ${Object.keys(ENVIRONMENTS).join(', ')} (got "${envName}")`);
  }
  const raw = String(node.tryGetContext('provinces') ?? environment.provinces).trim();
  const provinces = parseProvinceList(raw);
  return {
    envName,
    provinces,
    region: String(node.tryGetContext('region') ?? process.env.CDK_DEFAULT_REGION ?? DEFAULT_REGION),
    account: node.tryGetContext('account') ?? process.env.CDK_DEFAULT_ACCOUNT,
  };
}

export function parseProvinceList(raw: string): readonly Province[] {
  if (raw === 'all') return allProvinces;
  const codes = raw
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  if (codes.length === 0) throw new Error('context provinces is empty');
  return codes.map((code) => {
    const province = allProvinces.find((p) => p.code === code);
    if (!province) throw new Error(`context provinces: unknown province code "${code}"`);
    return province;
  });
}
