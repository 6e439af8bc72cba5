import { Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { Agency, Province } from '../../shared/schemas/catalogue.ts';
import { AgencyQueue } from '../constructs/agency-queue.ts';
import { ProvinceRouting } from '../constructs/province-routing.ts';

/**
 * Agencies per stack. An agency brings six resources (queue, DLQ, two TLS-only queue policies,
 * poller role and its policy); 70 keeps a stack near 430 of CloudFormation's 500.
 */
export const AGENCIES_PER_STACK = 70;

export interface ProvinceStackProps extends StackProps {
  readonly envName: string;
  readonly province: Province;
  readonly agencies: readonly Agency[];
  readonly table: Table;
  readonly queueUrlPrefix: string;
}

/** A province's intake queue, router and (the first part of) its agencies' queues. */
export class ProvinceStack extends Stack {
  readonly routing: ProvinceRouting;

  constructor(scope: Construct, id: string, props: ProvinceStackProps) {
    super(scope, id, props);
    this.routing = new ProvinceRouting(this, 'Routing', props);
    addAgencyQueues(this, props.envName, props.agencies.slice(0, AGENCIES_PER_STACK));
    Tags.of(this).add('oss:province', props.province.code);
  }
}

export interface ProvinceAgenciesStackProps extends StackProps {
  readonly envName: string;
  readonly province: Province;
  readonly agencies: readonly Agency[];
}

/** Overflow of a large province's agency queues (Bangkok's 50 districts and more). */
export class ProvinceAgenciesStack extends Stack {
  constructor(scope: Construct, id: string, props: ProvinceAgenciesStackProps) {
    super(scope, id, props);
    addAgencyQueues(this, props.envName, props.agencies);
    Tags.of(this).add('oss:province', props.province.code);
  }
}

function addAgencyQueues(scope: Construct, envName: string, agencies: readonly Agency[]) {
  for (const agency of agencies) new AgencyQueue(scope, `Agency-${agency.id}`, { envName, agency });
}

/** Splits a province's agencies: the first chunk in the province stack, the rest in overflow stacks. */
export function overflowChunks(agencies: readonly Agency[]): Agency[][] {
  const chunks: Agency[][] = [];
  for (let i = AGENCIES_PER_STACK; i < agencies.length; i += AGENCIES_PER_STACK) {
    chunks.push(agencies.slice(i, i + AGENCIES_PER_STACK));
  }
  return chunks;
}
