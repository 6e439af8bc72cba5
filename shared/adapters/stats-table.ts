import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deltas } from '../domain/stats.ts';
import { ENV, requireEnv } from '../env.ts';
import { TABLE_INDEXES } from '../schemas/table.ts';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
let tableName: string | undefined;
const table = () => {
  tableName ??= requireEnv(ENV.tableName);
  return tableName;
};

const statsKey = (provinceCode: string) => ({ pk: `STATS#${provinceCode}`, sk: 'COUNTERS' });

/**
 * Adds counter deltas for a province: each counter once for the whole province (`all_…`) and
 * once for the service (`svc_<code>_…`), in one atomic UpdateItem.
 */
export async function addCounters(provinceCode: string, serviceCode: string, deltas: Deltas): Promise<void> {
  const entries = Object.entries(deltas).filter(([, v]) => v !== 0);
  if (entries.length === 0) return;
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts: string[] = [];
  entries.forEach(([counter, delta], i) => {
    names[`#a${i}`] = `all_${counter}`;
    names[`#s${i}`] = `svc_${serviceCode}_${counter}`;
    values[`:v${i}`] = delta;
    parts.push(`#a${i} :v${i}`, `#s${i} :v${i}`);
  });
  await documentClient.send(
    new UpdateCommand({
      TableName: table(),
      Key: statsKey(provinceCode),
      UpdateExpression: `ADD ${parts.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

/** The raw counter items of some provinces (absent provinces have none yet). */
export async function getCounters(
  provinceCodes: readonly string[],
): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (let i = 0; i < provinceCodes.length; i += 100) {
    const keys = provinceCodes.slice(i, i + 100).map(statsKey);
    let request: Record<string, { Keys: Record<string, string>[] }> | undefined = {
      [table()]: { Keys: keys },
    };
    while (request && Object.keys(request).length > 0) {
      const r = await documentClient.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of r.Responses?.[table()] ?? []) {
        const { pk, sk: _sk, ...counters } = item as Record<string, unknown>;
        out.set(String(pk).slice('STATS#'.length), counters as Record<string, number>);
      }
      request = r.UnprocessedKeys as typeof request;
    }
  }
  return out;
}

/** How many of a province's requests are in a status now: an index query, never a scan. */
export async function countInStatus(provinceCode: string, status: string): Promise<number> {
  const { byProvinceStatus } = TABLE_INDEXES;
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const r = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        IndexName: byProvinceStatus.name,
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': byProvinceStatus.partitionKey },
        ExpressionAttributeValues: { ':p': `${provinceCode}#${status}` },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += r.Count ?? 0;
    startKey = r.LastEvaluatedKey;
  } while (startKey);
  return count;
}
