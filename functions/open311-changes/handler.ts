import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { logPublicChanges } from '../../shared/app/log-public-changes.ts';
import { observability } from '../../shared/observability.ts';

/** The requests table's stream: writes each province's public change log (Open311's servicerequestupdates), per batch. */
export const handler = middy((event: DynamoDBStreamEvent) => logPublicChanges(event.Records)).use(
  observability(),
);
