import { marshall } from '@aws-sdk/util-dynamodb';
import { toStored } from '../../shared/adapters/request-record.ts';
import type { RequestItem } from '../../shared/schemas/request.ts';

/** An item image as Lambda hands it in a stream event: DynamoDB JSON, binary values in base64. */
export function streamImage(item: Record<string, unknown>) {
  const base64Bytes = (v: unknown): unknown => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
    if (Array.isArray(v)) return v.map(base64Bytes);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, base64Bytes(x)]));
    return v;
  };
  return base64Bytes(marshall(toStored(item as RequestItem), { removeUndefinedValues: true })) as Record<
    string,
    Record<string, unknown>
  >;
}

let sequence = 100;
/** A record of the requests table's stream (NEW_AND_OLD_IMAGES) for a request's step, stored as the table would. */
export const streamRecord = (before: RequestItem | undefined, after: RequestItem | undefined) => {
  const keys = { pk: { S: String((after ?? before)?.pk) }, sk: { S: 'REQUEST' } };
  sequence += 1;
  return {
    eventID: `event-${sequence}`,
    eventName: !before ? 'INSERT' : !after ? 'REMOVE' : 'MODIFY',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: keys,
      SequenceNumber: String(sequence),
      ...(before && { OldImage: streamImage(before) }),
      ...(after && { NewImage: streamImage(after) }),
    },
  };
};

export const streamEvent = (records: unknown[]) => ({ Records: records }) as never;
