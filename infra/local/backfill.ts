import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { fromStored } from '../../shared/adapters/request-record.ts';
import { groupByMinute, publicChangeItems } from '../../shared/domain/change-log.ts';
import { agencyListKey } from '../../shared/domain/lifecycle.ts';
import { publicChanges } from '../../shared/domain/open311.ts';
import type { RequestStatus } from '../../shared/schemas/request.ts';
import { KEY_PREFIX } from '../../shared/schemas/table.ts';

/**
 * Requests kept in a local data folder from before an index attribute existed get it, once, when
 * the index arrives (what a one-off migration would do in AWS): `agencyListKey` for the agency
 * list (`byAgencyStage`). The old `agencyStatusAt` goes. Returns how many requests changed.
 */
export async function backfillRequestIndexKeys(client: DynamoDBClient, table: string): Promise<number> {
  let changed = 0;
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression:
          'begins_with(pk, :request) AND attribute_exists(agencyId) AND attribute_not_exists(agencyListKey)',
        ExpressionAttributeValues: { ':request': { S: KEY_PREFIX.request } },
        ProjectionExpression: 'pk, sk, agencyId, #s, createdAt, version',
        ExpressionAttributeNames: { '#s': 'status' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const status = item.status?.S as RequestStatus | undefined;
      const createdAt = item.createdAt?.S;
      if (!status || !createdAt) continue;
      const written = await client
        .send(
          new UpdateItemCommand({
            TableName: table,
            Key: { pk: item.pk as never, sk: item.sk as never },
            UpdateExpression: 'SET agencyListKey = :k REMOVE agencyStatusAt',
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: {
              ':v': item.version as never,
              ':k': { S: agencyListKey(status, createdAt) },
            },
          }),
        )
        .then(
          () => true,
          (error: unknown) => {
            // Written meanwhile: the next run looks at it again.
            if (error instanceof ConditionalCheckFailedException) return false;
            throw error;
          },
        );
      if (written) changed++;
    }
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  return changed;
}

/** Marks a table whose stored requests' public changes are in the change log. */
const CHANGE_LOG_FILLED = { pk: { S: 'MIGRATION#public-change-log' }, sk: { S: 'MIGRATION' } };

/**
 * Fills each province's public change log (Open311's servicerequestupdates) from the requests
 * stored before it existed: every public status change of the last `days` days, once per table
 * (a marker item says it was done). The stream writes the log from then on; a change written by
 * both lands twice under different keys, and the reader drops the second by its id. Safe to run
 * during traffic and again (`force`); returns how many changes it wrote, or undefined if the
 * table was filled already.
 */
export async function backfillPublicChangeLog(
  client: DynamoDBClient,
  table: string,
  { days = 90, force = false, now = Date.now() } = {},
): Promise<number | undefined> {
  if (!force) {
    const marker = await client.send(new GetItemCommand({ TableName: table, Key: CHANGE_LOG_FILLED }));
    if (marker.Item) return undefined;
  }
  const since = now - days * 86_400_000;
  let written = 0;
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'begins_with(pk, :request)',
        ExpressionAttributeValues: { ':request': { S: KEY_PREFIX.request } },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const stored of page.Items ?? []) {
      const request = fromStored(unmarshall(stored));
      const changes = publicChanges(request).filter((c) => Date.parse(c.at) >= since);
      const groups = groupByMinute([
        { provinceCode: request.provinceCode, name: `backfill-${request.requestId}`, changes },
      ]);
      for (const g of groups) {
        for (const item of publicChangeItems(g.provinceCode, g.minuteMs, g.group, g.changes)) {
          await client.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
        }
        written += g.changes.length;
      }
    }
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  await client.send(
    new PutItemCommand({
      TableName: table,
      Item: { ...CHANGE_LOG_FILLED, at: { S: new Date(now).toISOString() } },
    }),
  );
  return written;
}
