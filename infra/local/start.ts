import { startLocalStack } from './stack.ts';

/** `npm start`: the whole system on this machine. Ctrl-C stops it cleanly; data stays in OSS_DATA_DIR. */
const port = Number(process.env.PORT ?? 3000);
const context = process.env.OSS_CONTEXT
  ? (JSON.parse(process.env.OSS_CONTEXT) as Record<string, unknown>)
  : {};

const stack = await startLocalStack({
  port,
  context,
  ...(process.env.OSS_DATA_DIR && { dataDir: process.env.OSS_DATA_DIR }),
});
console.log(`OSS local stack ready at ${stack.url}`);
console.log(`  data:      ${stack.dataDir}`);
console.log(`  DynamoDB:  ${stack.endpoints.dynamodb}`);
console.log(`  SQS + S3:  ${stack.endpoints.sqs}`);
console.log(`  functions: ${stack.functions.size}`);
console.log('Press Ctrl-C to stop.');

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await stack.stop();
  console.log('stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
