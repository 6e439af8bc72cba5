import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { RequestItem } from '../schemas/request.ts';
import { KEY_PREFIX } from '../schemas/table.ts';
import { fromStored } from './request-record.ts';

type Image = Record<string, Record<string, unknown>>;

/**
 * Lambda hands a stream record's images as DynamoDB JSON in which binary values are base64
 * strings (the SDK would give bytes). A packed request record is binary, so they are turned
 * back into bytes before the record is read.
 */
function withBytes(value: Record<string, unknown>): AttributeValue {
  if (typeof value.B === 'string') return { B: Buffer.from(value.B, 'base64') };
  if (Array.isArray(value.BS)) return { BS: value.BS.map((b) => Buffer.from(String(b), 'base64')) };
  if (value.M && typeof value.M === 'object') return { M: imageWithBytes(value.M as Image) };
  if (Array.isArray(value.L)) return { L: value.L.map((v) => withBytes(v as Record<string, unknown>)) };
  return value as unknown as AttributeValue;
}
const imageWithBytes = (image: Image): Record<string, AttributeValue> =>
  Object.fromEntries(Object.entries(image).map(([name, value]) => [name, withBytes(value)]));

/** Whether a stream record's keys name a request's item (not a counter, a bill reference, a key…). */
export const isRequestKey = (keys: Image): boolean =>
  typeof keys.pk?.S === 'string' && keys.pk.S.startsWith(KEY_PREFIX.request);

/** A request as an image of a stream record shows it, whichever form it was stored in. */
export function requestOfImage(image: Image | undefined): RequestItem | undefined {
  return image ? fromStored(unmarshall(imageWithBytes(image))) : undefined;
}
