import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { countStreamRecords } from '../../shared/app/count-stream.ts';
import { observability } from '../../shared/observability.ts';

/** The requests table's stream: moves the statistics counters, one update per province and service per batch. */
export const handler = middy((event: DynamoDBStreamEvent) => countStreamRecords(event.Records)).use(
  observability(),
);
