import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { requestKey } from '../domain/request.ts';
import { ENV, requireEnv } from '../env.ts';
import type { RequestItem } from '../schemas/request.ts';

// One client per execution environment; the endpoint comes from AWS_ENDPOINT_URL_DYNAMODB locally.
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

let tableName: string | undefined;
const table = () => {
  tableName ??= requireEnv(ENV.tableName);
  return tableName;
};

/** Writes a new request unless one with its id exists. Returns false when it already existed. */
export async function putNewRequest(item: RequestItem): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({ TableName: table(), Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
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
  return result.Item as RequestItem | undefined;
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
        Item: next,
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
