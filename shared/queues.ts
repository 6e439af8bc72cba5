/**
 * Names of the routing queues. These are fixed on purpose (the one exception to "no physical
 * names"): agency systems poll their queue directly with an IAM role and need a stable,
 * documented name, and functions can address any province's or agency's queue without a
 * lookup call or an ever-growing environment.
 */
export const intakeQueueName = (env: string, provinceCode: string) =>
  `oss-${env}-intake-${provinceCode}.fifo`;
export const agencyQueueName = (env: string, agencyId: string) => `oss-${env}-agency-${agencyId}.fifo`;
/**
 * A queue's DLQ: `oss-<env>-dlq-<rest>`, so the wildcards that grant access to working queues
 * (`oss-<env>-agency-*.fifo`, `oss-<env>-intake-*.fifo`) never match a dead-letter queue.
 */
export const deadLetterName = (queueName: string) => queueName.replace(/^(oss-[a-z0-9]+-)/, '$1dlq-');

/** SQS queue names allow 80 characters; agency ids are short, but check at synth time. */
export const MAX_QUEUE_NAME = 80;
