import { Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { Agency, Province } from '../../shared/schemas/catalogue.ts';
import type { EnvironmentSettings } from '../config.ts';
import { AgencyPollerRole } from '../constructs/agency-poller-role.ts';
import { AgencyQueue } from '../constructs/agency-queue.ts';
import { Alarms, ProvinceDashboard } from '../constructs/monitoring.ts';
import { ProvinceRouting } from '../constructs/province-routing.ts';

/**
 * Agencies one stack may hold. An agency brings six resources (queue, DLQ, two TLS-only queue
 * policies, DLQ-depth and message-age alarms): 60 keep a stack near 380 of CloudFormation's 500,
 * routing and monitoring included.
 */
export const AGENCIES_PER_STACK = 60;

/** District offices per stack part: Bangkok's 50 districts need two parts. */
export const DISTRICTS_PER_PART = 40;

/**
 * The stack part of an agency, fixed by what the agency is, never by its position in a list, so
 * inserting an agency never moves another agency's queue to another stack (which CloudFormation
 * would do by deleting and re-creating it, messages lost): district offices by their district
 * number in blocks of 40, local bodies by their registry entry's `stackPart`, the rest in part 0.
 */
export function agencyStackPart(agency: Agency): number {
  if (agency.stackPart !== undefined) return agency.stackPart;
  if (agency.type === 'district' && agency.districtCode) {
    return Math.floor((Number(agency.districtCode.slice(2)) - 1) / DISTRICTS_PER_PART);
  }
  return 0;
}

/** A province's agencies by stack part; fails the synth when a part outgrows a stack. */
export function agencyParts(agencies: readonly Agency[]): Map<number, Agency[]> {
  const parts = new Map<number, Agency[]>();
  for (const agency of agencies) {
    const part = agencyStackPart(agency);
    parts.set(part, [...(parts.get(part) ?? []), agency]);
  }
  for (const [part, members] of parts) {
    if (members.length > AGENCIES_PER_STACK) {
      throw new Error(
        `stack part ${part} of province ${members[0]?.provinceCode} holds ${members.length} agencies (max ${AGENCIES_PER_STACK}): give new agencies another stackPart`,
      );
    }
  }
  return parts;
}

export interface ProvinceStackProps extends StackProps {
  readonly envName: string;
  readonly settings: EnvironmentSettings;
  readonly province: Province;
  /** The agencies of part 0. */
  readonly agencies: readonly Agency[];
  /** Every agency of the province: the router may send to their queues. */
  readonly allAgencies: readonly Agency[];
  readonly table: Table;
  readonly queueUrlPrefix: string;
  readonly alerts: ITopic;
}

/** A province's intake queue, router, agency poller role and its part-0 agencies' queues. */
export class ProvinceStack extends Stack {
  readonly routing: ProvinceRouting;
  readonly pollerRole: AgencyPollerRole;

  constructor(scope: Construct, id: string, props: ProvinceStackProps) {
    super(scope, id, props);
    this.routing = new ProvinceRouting(this, 'Routing', { ...props, agencies: props.allAgencies });
    this.pollerRole = new AgencyPollerRole(this, 'AgencyPoller', {
      envName: props.envName,
      provinceCode: props.province.code,
    });
    const alarms = new Alarms(this, 'Alarms', props.alerts);
    const what = `${props.province.nameEn} intake`;
    alarms.deadLetters('Intake', this.routing.intakeDlq, what);
    alarms.queueAge('Intake', this.routing.intakeQueue, Duration.minutes(15), `the ${what} queue`);
    alarms.functionHealth('Router', this.routing.router.fn);
    new ProvinceDashboard(this, 'Dashboard', {
      provinceCode: props.province.code,
      provinceName: props.province.nameEn,
      intakeQueue: this.routing.intakeQueue,
      intakeDlq: this.routing.intakeDlq,
      router: this.routing.router.fn,
    });
    addAgencyQueues(this, props.envName, props.agencies, alarms);
    Tags.of(this).add('oss:province', props.province.code);
  }
}

export interface ProvinceAgenciesStackProps extends StackProps {
  readonly envName: string;
  readonly province: Province;
  readonly agencies: readonly Agency[];
  readonly alerts: ITopic;
}

/** Another part of a large province's agency queues (Bangkok's districts 41–50, local bodies). */
export class ProvinceAgenciesStack extends Stack {
  constructor(scope: Construct, id: string, props: ProvinceAgenciesStackProps) {
    super(scope, id, props);
    addAgencyQueues(this, props.envName, props.agencies, new Alarms(this, 'Alarms', props.alerts));
    Tags.of(this).add('oss:province', props.province.code);
  }
}

/** A request waiting three days (a long weekend included) in an inbox means nobody reads it. */
const INBOX_MAX_AGE = Duration.days(3);

function addAgencyQueues(scope: Construct, envName: string, agencies: readonly Agency[], alarms: Alarms) {
  for (const agency of agencies) {
    const q = new AgencyQueue(scope, `Agency-${agency.id}`, { envName, agency });
    alarms.deadLetters(`Agency-${agency.id}`, q.dlq, `the inbox of ${agency.id}`);
    alarms.queueAge(`Agency-${agency.id}`, q.queue, INBOX_MAX_AGE, `the inbox of ${agency.id}`);
  }
}
