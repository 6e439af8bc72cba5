import type { SQSRecord } from 'aws-lambda';
import type * as z from 'zod/mini';

/**
 * The typed body of a queued message. A body that is not JSON or does not match its schema
 * throws, which fails only that record: it is retried and finally parked in the DLQ.
 */
export function parseRecordBody<S extends z.ZodMiniType>(schema: S, record: SQSRecord): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch {
    throw new Error(`message ${record.messageId} is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new Error(`message ${record.messageId} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}
