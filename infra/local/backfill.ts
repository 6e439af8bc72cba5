import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { agencyListKey, PUBLIC_STATUS } from '../../shared/domain/lifecycle.ts';
import type { RequestStatus } from '../../shared/schemas/request.ts';
import { KEY_PREFIX } from '../../shared/schemas/table.ts';

/**
 * Requests kept in a local data folder from before an index attribute existed get it, once, when
 * the index arrives (what a one-off migration would do in AWS): `agencyListKey` for the agency
 * list (`byAgencyStage`) and `publicStatusAt` for Open311's updates (`byProvinceChanged`, from
 * the history's last change of public status). The old `agencyStatusAt` goes. Returns how many
 * requests changed.
 */
export async function backfillRequestIndexKeys(client: DynamoDBClient, table: string): Promise<number> {
  let changed = 0;
  let startKey: Record<string, never> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression:
          'begins_with(pk, :request) AND ((attribute_exists(agencyId) AND attribute_not_exists(agencyListKey)) OR attribute_not_exists(publicStatusAt))',
        ExpressionAttributeValues: { ':request': { S: KEY_PREFIX.request } },
        ProjectionExpression: 'pk, sk, agencyId, #s, createdAt, history, version',
        ExpressionAttributeNames: { '#s': 'status' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const status = item.status?.S as RequestStatus | undefined;
      const createdAt = item.createdAt?.S;
      if (!status || !createdAt) continue;
      const history = (item.history?.L ?? []).map((h) => ({
        at: h.M?.at?.S ?? createdAt,
        status: (h.M?.status?.S ?? status) as RequestStatus,
      }));
      let publicAt = createdAt;
      history.forEach((h, i) => {
        const before = history[i - 1];
        if (before && PUBLIC_STATUS[h.status] !== PUBLIC_STATUS[before.status]) publicAt = h.at;
      });
      const written = await client
        .send(
          new UpdateItemCommand({
            TableName: table,
            Key: { pk: item.pk as never, sk: item.sk as never },
            UpdateExpression: `SET publicStatusAt = if_not_exists(publicStatusAt, :p)${item.agencyId ? ', agencyListKey = :k' : ''} REMOVE agencyStatusAt`,
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: {
              ':p': { S: publicAt },
              ':v': item.version as never,
              ...(item.agencyId && { ':k': { S: agencyListKey(status, createdAt) } }),
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
