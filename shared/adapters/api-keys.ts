import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ENV, requireEnv } from '../env.ts';
import { documentClient } from './dynamodb-client.ts';

let tableName: string | undefined;
const table = () => {
  tableName ??= requireEnv(ENV.tableName);
  return tableName;
};

const keyOf = (keyHash: string) => ({ pk: `APIKEY#${keyHash}`, sk: 'APIKEY' });

export interface ApiKeyRecord {
  readonly clientName: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

/** The record of an API key by the SHA-256 of the key (keys themselves are never stored). */
export async function findApiKey(keyHash: string): Promise<ApiKeyRecord | undefined> {
  const r = await documentClient.send(new GetCommand({ TableName: table(), Key: keyOf(keyHash) }));
  return r.Item as ApiKeyRecord | undefined;
}

export async function storeApiKey(keyHash: string, clientName: string, createdAt: string): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: table(),
      Item: { ...keyOf(keyHash), clientName, createdAt },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function revokeApiKey(keyHash: string, revokedAt: string): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: table(),
        Key: keyOf(keyHash),
        UpdateExpression: 'SET revokedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': revokedAt },
      }),
    );
    return true;
  } catch {
    return false;
  }
}
