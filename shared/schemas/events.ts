import * as z from 'zod/mini';
import { schema } from './define.ts';

/** One record of an S3 event notification (the fields OSS reads). */
export const S3NotificationRecord = /* @__PURE__ */ schema(() =>
  z.object({
    eventName: z.string(),
    s3: z.object({
      bucket: z.object({ name: z.string() }),
      object: z.object({ key: z.string(), size: z.optional(z.number()) }),
    }),
  }),
);

/**
 * The body S3 puts on the document-events queue: event records, or the one-off test event S3
 * sends when the notification is configured (which carries nothing to do).
 */
export const S3NotificationBody = /* @__PURE__ */ schema(() =>
  z.union([
    z.object({ Records: z.array(S3NotificationRecord) }),
    z.object({ Event: z.literal('s3:TestEvent') }),
  ]),
);
export type S3NotificationBody = z.infer<typeof S3NotificationBody>;

/** An item image in DynamoDB's JSON (attribute name → typed value), as a stream record carries it. */
const StreamImage = /* @__PURE__ */ schema(() => z.record(z.string(), z.record(z.string(), z.unknown())));

/** One record of the requests table's stream (NEW_AND_OLD_IMAGES): the fields OSS reads. */
export const TableStreamRecord = /* @__PURE__ */ schema(() =>
  z.object({
    /** Unique across the stream's shards (a sequence number is documented unique only within one). */
    eventID: z.string(),
    eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
    dynamodb: z.object({
      Keys: StreamImage,
      SequenceNumber: z.string(),
      NewImage: z.optional(StreamImage),
      OldImage: z.optional(StreamImage),
    }),
  }),
);
export type TableStreamRecord = z.infer<typeof TableStreamRecord>;
