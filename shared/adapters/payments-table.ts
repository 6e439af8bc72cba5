import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ENV, requireEnv } from '../env.ts';
import type { PaymentRecord } from '../schemas/payments.ts';
import { KEY_PREFIX, TABLE_INDEXES } from '../schemas/table.ts';
import { documentClient } from './requests-table.ts';

let tableName: string | undefined;
const table = () => {
  tableName ??= requireEnv(ENV.tableName);
  return tableName;
};

const billKey = (ref1: string) => ({ pk: `${KEY_PREFIX.bill}${ref1}`, sk: 'BILL' });
export const paymentKey = (bankId: string, transactionRef: string) => ({
  pk: `${KEY_PREFIX.payment}${bankId}#${transactionRef}`,
  sk: 'PAYMENT' as const,
});

/**
 * Claims a bill reference for a request: false when the reference is taken (draw another). Written
 * before the request that carries the bill, so a bank reference never points nowhere; a claim
 * whose request write then fails is harmless (a payment to it is flagged as unknown).
 */
export async function claimBillRef(ref1: string, requestId: string, at: string): Promise<boolean> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: table(),
        Item: { ...billKey(ref1), requestId, createdAt: at },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The request a bill reference belongs to. */
export async function requestIdOfBill(ref1: string): Promise<string | undefined> {
  const result = await documentClient.send(
    new GetCommand({ TableName: table(), Key: billKey(ref1), ConsistentRead: true }),
  );
  return typeof result.Item?.requestId === 'string' ? result.Item.requestId : undefined;
}

/** Records a bank transaction the first time it is reported; returns the record already there otherwise. */
export async function recordPayment(
  record: PaymentRecord,
): Promise<{ created: true } | { created: false; existing: PaymentRecord }> {
  try {
    await documentClient.send(
      new PutCommand({ TableName: table(), Item: record, ConditionExpression: 'attribute_not_exists(pk)' }),
    );
    return { created: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const existing = await documentClient.send(
      new GetCommand({ TableName: table(), Key: { pk: record.pk, sk: record.sk }, ConsistentRead: true }),
    );
    return { created: false, existing: existing.Item as PaymentRecord };
  }
}

/** Marks what became of a recorded payment; a flagged one joins its reviewing agency's list. */
export async function settlePaymentRecord(
  key: { pk: string; sk: string },
  outcome: Pick<PaymentRecord, 'outcome' | 'reason' | 'requestId' | 'receiptNo' | 'reviewAgencyId'>,
): Promise<void> {
  const set: string[] = ['outcome = :outcome'];
  const values: Record<string, unknown> = { ':outcome': outcome.outcome };
  for (const name of ['reason', 'requestId', 'receiptNo', 'reviewAgencyId'] as const) {
    const value = outcome[name];
    if (value === undefined) continue;
    set.push(`${name} = :${name}`);
    values[`:${name}`] = value;
  }
  await documentClient.send(
    new UpdateCommand({
      TableName: table(),
      Key: key,
      UpdateExpression: `SET ${set.join(', ')}${outcome.outcome === 'APPLIED' ? ' REMOVE reviewAgencyId' : ''}`,
      ExpressionAttributeValues: values,
    }),
  );
}

/** Payments flagged for an agency's review (or `unmatched`), newest first. */
export async function flaggedPayments(reviewAgencyId: string, limit = 100): Promise<PaymentRecord[]> {
  const { paymentReview } = TABLE_INDEXES;
  const result = await documentClient.send(
    new QueryCommand({
      TableName: table(),
      IndexName: paymentReview.name,
      KeyConditionExpression: '#a = :a',
      ExpressionAttributeNames: { '#a': paymentReview.partitionKey },
      ExpressionAttributeValues: { ':a': reviewAgencyId },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []) as PaymentRecord[];
}
