import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalStack } from './stack.ts';

/** Where the running local stack says where it listens, so `npm run oss` needs no variables. */
export const LOCAL_POINTER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../.oss-local.json',
);

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
writeFileSync(
  LOCAL_POINTER,
  `${JSON.stringify({ api: stack.url, dataDir: stack.dataDir, bank: stack.bank.url, pid: process.pid }, null, 2)}\n`,
);
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
  rmSync(LOCAL_POINTER, { force: true });
  console.log('stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
