import type { Node } from 'constructs';
import { provinces as allProvinces } from '../shared/data/provinces.ts';
import type { Province } from '../shared/schemas/catalogue.ts';

/** The five PAOs that piloted OSS (DESIGN.md §1): Chon Buri, Phatthalung, Phrae, Sakon Nakhon, Suphan Buri. */
export const PILOT_PROVINCES = ['20', '93', '54', '47', '72'] as const;

/** AWS Asia Pacific (Thailand). */
export const DEFAULT_REGION = 'ap-southeast-7';

/** What one environment is: where it deploys, what it serves, and its production limits. */
export interface EnvironmentSettings {
  /** Provinces served unless `-c provinces=` says otherwise (`all` or codes). */
  readonly provinces: string;
  /** The AWS region its stacks deploy to: citizen data stays in Thailand. */
  readonly region: string;
  /** The AWS account, when pinned (otherwise the deploying credentials' account). */
  readonly account?: string;
  /**
   * Reserved concurrency for the functions that must never be starved (intake) or must never
   * starve the rest (routers, the long-polling inbox). Off in dev and staging, whose accounts
   * often keep Lambda's small default concurrency quota.
   */
  readonly reservedConcurrency?: {
    readonly intake: number;
    readonly router: number;
    readonly agencyInbox: number;
  };
  /**
   * Cognito mail through SES: a verified SES identity (docs/deploy.md). Without it Cognito's
   * own mailer is used, which is limited to 50 mails a day: fine for dev, not for onboarding.
   */
  readonly cognitoEmail?: {
    readonly fromEmail: string;
    readonly fromName: string;
    readonly replyTo?: string;
  };
  /**
   * Who collects fees (DESIGN.md §10): the bank biller id (tax id + 2-digit suffix) and bank of the
   * deployment's default collection account, and of any agency that collects into its own. Without
   * it, services with a fee answer 503 PAYMENTS_NOT_CONFIGURED rather than bill into an unknown
   * account. Each bank's callback secret and inquiry endpoint live in the BankSettings secret.
   */
  readonly payments?: {
    readonly billers: { readonly default: Biller } & Readonly<Record<string, Biller>>;
  };
}

export interface Biller {
  readonly billerId: string;
  readonly bankId: string;
}

/**
 * Test collection account of development and staging: a biller id of the right shape that no bank
 * holds, paid only through the local bank stand-in (`npm run oss -- bank pay`).
 */
const TEST_BILLERS = { default: { billerId: '099400000000099', bankId: 'localbank' } } as const;

/**
 * The environments, one CDK Stage each: development and staging serve the five pilot
 * provinces, production the whole country; all deploy to the Thailand region.
 */
export const ENVIRONMENTS: Readonly<Record<string, EnvironmentSettings>> = {
  dev: { provinces: PILOT_PROVINCES.join(','), region: DEFAULT_REGION, payments: { billers: TEST_BILLERS } },
  staging: {
    provinces: PILOT_PROVINCES.join(','),
    region: DEFAULT_REGION,
    payments: { billers: TEST_BILLERS },
  },
  prod: {
    provinces: 'all',
    region: DEFAULT_REGION,
    reservedConcurrency: { intake: 100, router: 5, agencyInbox: 50 },
    cognitoEmail: { fromEmail: 'no-reply@oss.go.th', fromName: 'OSS ศูนย์บริการแบบเบ็ดเสร็จ' },
  },
};

export interface OssConfig {
  /** Environment name, e.g. `dev` or `prod`; one CDK Stage each. */
  readonly envName: string;
  readonly provinces: readonly Province[];
  readonly region: string;
  readonly account: string | undefined;
  readonly settings: EnvironmentSettings;
}

/**
 * Reads the typed configuration from CDK context (`-c provinces=20,93`, `-c provinces=all`,
 * `-c env=prod`, `-c region=...`, `-c account=...`). Fails fast on an unknown province code so
 * a typo never deploys a half-configured nation, and on a region mismatch (see `deployRegion`).
 */
export function readConfig(node: Node, processEnv: NodeJS.ProcessEnv = process.env): OssConfig {
  const envName = String(node.tryGetContext('env') ?? 'dev');
  const environment = ENVIRONMENTS[envName];
  if (!environment) {
    throw new Error(`context env must be one of ${Object.keys(ENVIRONMENTS).join(', ')} (got "${envName}")`);
  }
  const raw = String(node.tryGetContext('provinces') ?? environment.provinces).trim();
  const provinces = parseProvinceList(raw);
  const account = node.tryGetContext('account') ?? environment.account;
  return {
    envName,
    provinces,
    region: deployRegion(envName, environment, node.tryGetContext('region'), processEnv),
    account: account === undefined ? undefined : String(account),
    settings: environment,
  };
}

/**
 * The region an environment deploys to: its configured region, or `-c region=` when an operator
 * says so explicitly. `CDK_DEFAULT_REGION` is never used: the CDK CLI sets it to us-east-1 when
 * nothing else is configured, which would put citizen data outside Thailand. A shell whose
 * `AWS_REGION`/`AWS_DEFAULT_REGION` names another region fails the synth instead of guessing.
 */
export function deployRegion(
  envName: string,
  environment: EnvironmentSettings,
  contextRegion: unknown,
  processEnv: NodeJS.ProcessEnv,
): string {
  if (contextRegion !== undefined && contextRegion !== null && String(contextRegion) !== '') {
    return String(contextRegion);
  }
  const shellRegion = processEnv.AWS_REGION || processEnv.AWS_DEFAULT_REGION;
  if (shellRegion && shellRegion !== environment.region) {
    throw new Error(
      `environment ${envName} deploys to ${environment.region}, but AWS_REGION/AWS_DEFAULT_REGION is ${shellRegion}. ` +
        `Use a profile or AWS_REGION for ${environment.region}, or pass -c region=${shellRegion} to deploy there on purpose.`,
    );
  }
  return environment.region;
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
