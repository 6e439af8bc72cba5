import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deltas } from '../domain/stats.ts';
import { ENV, requireEnv } from '../env.ts';
import { KEY_PREFIX, TABLE_INDEXES } from '../schemas/table.ts';
import { documentClient } from './dynamodb-client.ts';

let tableName: string | undefined;
const table = () => {
  tableName ??= requireEnv(ENV.tableName);
  return tableName;
};

/**
 * Counter items per province, service and shard: `STATS#<province>` / `SVC#<service>#<shard>`.
 * Small items (one service's counters, well under 1 KB: one write unit per update) spread over
 * shards, so no province has a hot item capping its transitions per second; a province's
 * statistics are one Query of its partition.
 */
export const STATS_SHARDS = 8;
const statsPartition = (provinceCode: string) => `STATS#${provinceCode}`;

/** Adds counter deltas for one service of a province in one atomic UpdateItem on a random shard. */
export async function addCounters(
  provinceCode: string,
  serviceCode: string,
  deltas: Deltas,
  shard = Math.floor(Math.random() * STATS_SHARDS),
): Promise<void> {
  const entries = Object.entries(deltas).filter(([, v]) => v !== 0);
  if (entries.length === 0) return;
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts: string[] = [];
  entries.forEach(([counter, delta], i) => {
    names[`#c${i}`] = counter;
    values[`:v${i}`] = delta;
    parts.push(`#c${i} :v${i}`);
  });
  await documentClient.send(
    new UpdateCommand({
      TableName: table(),
      Key: { pk: statsPartition(provinceCode), sk: `SVC#${serviceCode}#${shard}` },
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

/** Each province's counters per service, shards summed (absent provinces have none yet). */
export async function getCounters(
  provinceCodes: readonly string[],
): Promise<Map<string, Map<string, Record<string, number>>>> {
  const out = new Map<string, Map<string, Record<string, number>>>();
  for (const province of provinceCodes) {
    const services = new Map<string, Record<string, number>>();
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: 'pk = :p',
          ExpressionAttributeValues: { ':p': statsPartition(province) },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const { pk: _pk, sk, ...counters } = item as Record<string, unknown>;
        const service = /^SVC#(.+)#\d+$/.exec(String(sk))?.[1];
        if (!service) continue;
        const sum = services.get(service) ?? {};
        for (const [k, v] of Object.entries(counters)) if (typeof v === 'number') sum[k] = (sum[k] ?? 0) + v;
        services.set(service, sum);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    out.set(province, services);
  }
  return out;
}

/**
 * How many of a province's requests are in a status now, per service: a query of the
 * byProvinceStatus index (which projects the service code), never a scan. Used for the two
 * short-lived intake statuses, which intake does not spend a counter write on.
 */
export async function countInStatus(provinceCode: string, status: string): Promise<Map<string, number>> {
  const { byProvinceStatus } = TABLE_INDEXES;
  const counts = new Map<string, number>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const r = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        IndexName: byProvinceStatus.name,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': byProvinceStatus.partitionKey, '#s': 'serviceCode' },
        ExpressionAttributeValues: { ':p': `${provinceCode}#${status}` },
        ProjectionExpression: '#s, pk',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of r.Items ?? []) {
      if (!String(item.pk).startsWith(KEY_PREFIX.request)) continue;
      const code = String(item.serviceCode ?? 'unknown');
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    startKey = r.LastEvaluatedKey;
  } while (startKey);
  return counts;
}
