import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { agencyListKey } from '../domain/lifecycle.ts';
import { ENV, requireEnv } from '../env.ts';
import type { AgencyListItem, RequestItem, RequestStatus } from '../schemas/request.ts';
import { AGENCY_LIST_ATTRIBUTES, KEY_PREFIX, requestKey, TABLE_INDEXES } from '../schemas/table.ts';
import { documentClient } from './dynamodb-client.ts';
import { fromStored, storedSize, toStored } from './request-record.ts';

// Re-exported for the adapters and the benchmark (which counts calls with SDK middleware).
export { documentClient };

let tableName: string | undefined;
const table = () => {
  tableName ??= requireEnv(ENV.tableName);
  return tableName;
};

/** Writes a new request unless one with its id exists. Returns false when it already existed. */
export async function putNewRequest(item: RequestItem): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: table(),
        Item: toStored(item),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Reads one request, strongly consistent so a citizen sees their write at once. */
export async function getRequest(requestId: string): Promise<RequestItem | undefined> {
  const result = await documentClient.send(
    new GetCommand({ TableName: table(), Key: requestKey(requestId), ConsistentRead: true }),
  );
  return result.Item && fromStored(result.Item);
}

/**
 * A request as an operator inspects it: the record read back, and how it is stored (packed or
 * plain, its size by DynamoDB's rules), since a packed record shows in the console only as keys
 * and one binary attribute.
 */
export async function inspectRequest(requestId: string) {
  const result = await documentClient.send(
    new GetCommand({ TableName: table(), Key: requestKey(requestId), ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  const packed = result.Item.packed;
  return {
    item: fromStored(result.Item),
    storage: {
      form: packed instanceof Uint8Array ? ('packed' as const) : ('plain' as const),
      storedBytes: storedSize(result.Item),
      plainAttributes: Object.keys(result.Item).filter((k) => k !== 'packed'),
      ...(packed instanceof Uint8Array && { packedBytes: packed.length }),
    },
  };
}

/**
 * Replaces a request with its next state only if nobody changed it since it was read
 * (optimistic concurrency on `version`): the loser of a race gets false, never a lost update.
 */
export async function replaceRequest(next: RequestItem, expectedVersion: number): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: table(),
        Item: toStored(next),
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * One page of an agency's requests in one status, newest filed first, as list lines (what the
 * byAgency index carries): the status's stage (open or done) read in key order and filtered on
 * the status; `serviceCode` and `overdue` filter too. A page may hold fewer than `limit` lines.
 */
export async function queryAgencyRequests(
  agencyId: string,
  status: string,
  options: { limit: number; startKey?: Record<string, unknown>; serviceCode?: string; overdue?: boolean },
): Promise<{ items: AgencyListItem[]; next?: Record<string, unknown> }> {
  const { byAgency } = TABLE_INDEXES;
  const filters: string[] = ['#st = :st'];
  const names: Record<string, string> = {
    '#a': byAgency.partitionKey,
    '#s': byAgency.sortKey,
    '#st': 'status',
  };
  const values: Record<string, unknown> = {
    ':a': agencyId,
    ':s': agencyListKey(status as RequestStatus, ''),
    ':st': status,
  };
  if (options.serviceCode !== undefined) {
    filters.push('#svc = :svc');
    names['#svc'] = 'serviceCode';
    values[':svc'] = options.serviceCode;
  }
  if (options.overdue !== undefined) {
    filters.push(options.overdue ? '#o = :true' : 'attribute_not_exists(#o)');
    names['#o'] = 'overdue';
    if (options.overdue) values[':true'] = true;
  }
  const result = await documentClient.send(
    new QueryCommand({
      TableName: table(),
      IndexName: byAgency.name,
      KeyConditionExpression: '#a = :a AND begins_with(#s, :s)',
      FilterExpression: filters.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      // The filter drops lines after the read: read a batch, keep the page, continue after its last line.
      Limit: Math.max(options.limit, AGENCY_READ_BATCH),
      ...(options.startKey && { ExclusiveStartKey: options.startKey }),
    }),
  );
  const kept = (result.Items ?? []).slice(0, options.limit);
  const items = kept.map((i) => {
    const line: Record<string, unknown> = {};
    for (const attribute of AGENCY_LIST_ATTRIBUTES)
      if (i[attribute] !== undefined) line[attribute] = i[attribute];
    return line as AgencyListItem;
  });
  const last = kept.at(-1);
  const next =
    (result.Items?.length ?? 0) > options.limit && last
      ? {
          pk: last.pk,
          sk: last.sk,
          [byAgency.partitionKey]: last[byAgency.partitionKey],
          [byAgency.sortKey]: last[byAgency.sortKey],
        }
      : result.LastEvaluatedKey;
  return { items, ...(next && { next }) };
}

/** Ids of every request of an agency in one status (all pages): the reconciler's refill of ROUTED work. */
export async function agencyRequestIdsInStatus(agencyId: string, status: RequestStatus): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryAgencyRequests(agencyId, status, { limit: AGENCY_READ_BATCH, startKey });
    ids.push(...page.items.map((i) => i.requestId));
    startKey = page.next;
  } while (startKey);
  return ids;
}

/** Index lines an agency-list read looks at (they are small): a filtered page rarely comes back short. */
const AGENCY_READ_BATCH = 100;

type IndexName = keyof typeof TABLE_INDEXES;

/**
 * Request ids from an index: partition key equals `partition`, sort key before `before` (and at or
 * after `since`, when given), every page.
 */
async function requestIdsBefore(
  index: IndexName,
  partition: string,
  before: string,
  since?: string,
): Promise<string[]> {
  const { name, partitionKey, sortKey } = TABLE_INDEXES[index];
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        IndexName: name,
        KeyConditionExpression: since
          ? '#p = :p AND #s BETWEEN :since AND :before'
          : '#p = :p AND #s < :before',
        ExpressionAttributeNames: { '#p': partitionKey, '#s': sortKey },
        ExpressionAttributeValues: { ':p': partition, ':before': before, ...(since && { ':since': since }) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const key of page.Items ?? []) ids.push(String(key.pk).slice(KEY_PREFIX.request.length));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return ids;
}

/** Ids of a province's requests in one status whose last change is before `before` (oldest first). */
export const queryStaleByStatus = (provinceCode: string, status: string, before: string, since?: string) =>
  requestIdsBefore('byProvinceStatus', `${provinceCode}#${status}`, before, since);

/**
 * Counts one re-send of a SUBMITTED request (no new version: bookkeeping, not a transition), or
 * flags it as failed to route with a history entry. Both only while it is still SUBMITTED at the
 * version read; false when it moved meanwhile.
 */
export async function recordIntakeResend(
  item: RequestItem,
  giveUp?: { at: string; note: string },
): Promise<boolean> {
  if (giveUp) {
    // The history may be packed (see request-record.ts): the whole record is written again.
    return replaceRequest(
      {
        ...item,
        routingFailedAt: giveUp.at,
        updatedAt: giveUp.at,
        version: item.version + 1,
        history: [
          ...item.history,
          { at: giveUp.at, status: 'SUBMITTED', actor: 'system:reconciler', note: giveUp.note },
        ],
      },
      item.version,
    );
  }
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: table(),
        Key: requestKey(item.requestId),
        UpdateExpression: 'ADD intakeResends :one',
        ConditionExpression: 'version = :v AND #s = :submitted',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':v': item.version, ':one': 1, ':submitted': 'SUBMITTED' },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Ids of a province's open, unescalated requests whose deadline is before `before`. */
export const queryOverdue = (provinceCode: string, before: string) =>
  requestIdsBefore('openByDeadline', provinceCode, before);

/** One page of a province's request ids filed between `from` and `to` (inclusive), newest first. */
export async function queryFiledBetween(
  provinceCode: string,
  from: string,
  to: string,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ ids: string[]; next?: Record<string, unknown> }> {
  const { name, partitionKey, sortKey } = TABLE_INDEXES.byProvinceCreated;
  const page = await documentClient.send(
    new QueryCommand({
      TableName: table(),
      IndexName: name,
      KeyConditionExpression: '#p = :p AND #s BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#p': partitionKey, '#s': sortKey },
      ExpressionAttributeValues: { ':p': provinceCode, ':from': from, ':to': to },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  const keys = (page.Items ?? []).filter((k) => String(k.pk).startsWith(KEY_PREFIX.request));
  return {
    ids: keys.map((k) => String(k.pk).slice(KEY_PREFIX.request.length)),
    ...(page.LastEvaluatedKey && { next: page.LastEvaluatedKey }),
  };
}

/**
 * Keeps a KMS-encrypted data key under its id, once (a data key seals IDs for an hour in one
 * execution environment; every sealed ID names it instead of carrying it).
 */
export async function putDataKey(keyId: string, encrypted: string, at: string): Promise<void> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: table(),
        Item: { pk: `${KEY_PREFIX.dataKey}${keyId}`, sk: 'DATAKEY', encrypted, createdAt: at },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** The KMS-encrypted data key a sealed ID names. */
export async function getDataKey(keyId: string): Promise<string | undefined> {
  const result = await documentClient.send(
    new GetCommand({
      TableName: table(),
      Key: { pk: `${KEY_PREFIX.dataKey}${keyId}`, sk: 'DATAKEY' },
      // Strongly consistent: a reveal right after a new key was stored must find it.
      ConsistentRead: true,
    }),
  );
  return typeof result.Item?.encrypted === 'string' ? result.Item.encrypted : undefined;
}
