import type { SQSEvent, SQSRecord } from 'aws-lambda';

/** An SQS record as Lambda delivers it (all the attributes Powertools' parser expects). */
export function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1763800000000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1763800000001',
      MessageGroupId: messageId,
      MessageDeduplicationId: messageId,
      SequenceNumber: '1',
    },
    messageAttributes: {},
    md5OfBody: 'd41d8cd98f00b204e9800998ecf8427e',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-7:123456789012:oss-test-intake-20.fifo',
    awsRegion: 'ap-southeast-7',
  };
}

export const sqsEventOf = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
