import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The one DynamoDB client of an execution environment, shared by every table adapter: each
 * client constructed at module load is about a millisecond of cold start. Locally the endpoint
 * comes from AWS_ENDPOINT_URL_DYNAMODB. Undefined attributes are dropped, not an error.
 */
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
