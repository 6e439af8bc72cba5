import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { minuteKey, publicChangeItems } from '../domain/change-log.ts';
import { ENV, requireEnv } from '../env.ts';
import { type PublicChange, PublicChangeLogChanges } from '../schemas/open311.ts';
import { KEY_PREFIX } from '../schemas/table.ts';
import { documentClient } from './dynamodb-client.ts';

let tableName: string | undefined;
const table = () => {
  tableName ??= requireEnv(ENV.tableName);
  return tableName;
};

/**
 * Writes one minute's changes of one group. The same group written again (a retried batch) lands on
 * the same keys; a group cut differently (a bisected batch) may repeat an update under other keys,
 * which the reader drops by its id (request and history position).
 */
export async function putPublicChanges(
  provinceCode: string,
  minuteMs: number,
  group: string,
  changes: readonly PublicChange[],
): Promise<void> {
  await Promise.all(
    publicChangeItems(provinceCode, minuteMs, group, changes).map((Item) =>
      documentClient.send(new PutCommand({ TableName: table(), Item })),
    ),
  );
}

/** One item of the log as read: the minute its changes fall in, and the changes. */
export interface PublicChangeGroup {
  minuteMs: number;
  changes: PublicChange[];
}

/**
 * One page of a province's change log for the minutes from `fromMs` to `toMs` (inclusive), latest
 * minute first. Every change in a group falls in its minute.
 */
export async function queryPublicChanges(
  provinceCode: string,
  fromMs: number,
  toMs: number,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ groups: PublicChangeGroup[]; next?: Record<string, unknown> }> {
  const page = await documentClient.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :p AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':p': `${KEY_PREFIX.publicChanges}${provinceCode}`,
        ':from': minuteKey(fromMs),
        // '~' sorts after '#': every group and part of the last minute.
        ':to': `${minuteKey(toMs)}~`,
      },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  const groups = (page.Items ?? []).map((item) => ({
    minuteMs: Number(String(item.sk).split('#')[0]),
    changes: PublicChangeLogChanges.parse(JSON.parse(String(item.changes))),
  }));
  return { groups, ...(page.LastEvaluatedKey && { next: page.LastEvaluatedKey }) };
}
