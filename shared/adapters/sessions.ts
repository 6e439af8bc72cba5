import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ENV, requireEnv } from '../env.ts';
import type { CitizenSession } from '../schemas/session.ts';
import { TABLE_INDEXES, TTL_ATTRIBUTE } from '../schemas/table.ts';
import { documentClient } from './dynamodb-client.ts';

let tableName: string | undefined;
const table = () => {
  tableName ??= requireEnv(ENV.tableName);
  return tableName;
};
const sessionKey = (id: string) => ({ pk: `SESSION#${id}`, sk: 'SESSION' });

/** Stores a new citizen session (never overwriting one). */
export async function putSession(id: string, session: CitizenSession): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: table(),
      // DynamoDB deletes it once expired (TTL): a session's name and sealed ID are kept no longer.
      Item: {
        ...sessionKey(id),
        ...session,
        [TTL_ATTRIBUTE]: Math.floor(Date.parse(session.expiresAt) / 1000),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getSession(id: string): Promise<CitizenSession | undefined> {
  const r = await documentClient.send(
    new GetCommand({ TableName: table(), Key: sessionKey(id), ConsistentRead: true }),
  );
  return r.Item as CitizenSession | undefined;
}

/**
 * Revokes a session (logout): it is kept, marked, until it would have expired (then TTL deletes it,
 * like every expired session); it never works again.
 */
export async function revokeSession(id: string, at: string): Promise<void> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: table(),
        Key: sessionKey(id),
        UpdateExpression: 'SET revokedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** A citizen's requests, newest first, one page at a time, through the byCitizen index. */
export async function queryCitizenRequests(
  citizenHash: string,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ items: Record<string, unknown>[]; next?: Record<string, unknown> }> {
  const { byCitizen } = TABLE_INDEXES;
  const r = await documentClient.send(
    new QueryCommand({
      TableName: table(),
      IndexName: byCitizen.name,
      KeyConditionExpression: '#c = :c',
      ExpressionAttributeNames: { '#c': byCitizen.partitionKey },
      ExpressionAttributeValues: { ':c': citizenHash },
      ScanIndexForward: false,
      Limit: limit,
      ...(startKey && { ExclusiveStartKey: startKey }),
    }),
  );
  return { items: r.Items ?? [], ...(r.LastEvaluatedKey && { next: r.LastEvaluatedKey }) };
}
