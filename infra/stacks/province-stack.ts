import { Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { Agency, Province } from '../../shared/schemas/catalogue.ts';
import { AgencyQueue } from '../constructs/agency-queue.ts';
import { Alarms, ProvinceDashboard } from '../constructs/monitoring.ts';
import { ProvinceRouting } from '../constructs/province-routing.ts';

/**
 * Agencies per stack. An agency brings seven resources (queue, DLQ, two TLS-only queue
 * policies, poller role and its policy, DLQ alarm); 60 keeps a stack near 450 of
 * CloudFormation's 500, routing and monitoring included.
 */
export const AGENCIES_PER_STACK = 60;

export interface ProvinceStackProps extends StackProps {
  readonly envName: string;
  readonly province: Province;
  readonly agencies: readonly Agency[];
  readonly table: Table;
  readonly queueUrlPrefix: string;
  readonly alerts: ITopic;
}

/** A province's intake queue, router and (the first part of) its agencies' queues. */
export class ProvinceStack extends Stack {
  readonly routing: ProvinceRouting;

  constructor(scope: Construct, id: string, props: ProvinceStackProps) {
    super(scope, id, props);
    this.routing = new ProvinceRouting(this, 'Routing', props);
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
    addAgencyQueues(this, props.envName, props.agencies.slice(0, AGENCIES_PER_STACK), alarms);
    Tags.of(this).add('oss:province', props.province.code);
  }
}

export interface ProvinceAgenciesStackProps extends StackProps {
  readonly envName: string;
  readonly province: Province;
  readonly agencies: readonly Agency[];
  readonly alerts: ITopic;
}

/** Overflow of a large province's agency queues (Bangkok's 50 districts and more). */
export class ProvinceAgenciesStack extends Stack {
  constructor(scope: Construct, id: string, props: ProvinceAgenciesStackProps) {
    super(scope, id, props);
    addAgencyQueues(this, props.envName, props.agencies, new Alarms(this, 'Alarms', props.alerts));
    Tags.of(this).add('oss:province', props.province.code);
  }
}

function addAgencyQueues(scope: Construct, envName: string, agencies: readonly Agency[], alarms: Alarms) {
  for (const agency of agencies) {
    const q = new AgencyQueue(scope, `Agency-${agency.id}`, { envName, agency });
    alarms.deadLetters(`Agency-${agency.id}`, q.dlq, `the inbox of ${agency.id}`);
  }
}

/** Splits a province's agencies: the first chunk in the province stack, the rest in overflow stacks. */
export function overflowChunks(agencies: readonly Agency[]): Agency[][] {
  const chunks: Agency[][] = [];
  for (let i = AGENCIES_PER_STACK; i < agencies.length; i += AGENCIES_PER_STACK) {
    chunks.push(agencies.slice(i, i + AGENCIES_PER_STACK));
  }
  return chunks;
}
