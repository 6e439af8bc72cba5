// A Lambda execution environment for one function: its own process.env (given by the
// parent), the tsx loader so it can import the TypeScript entry, and a loop of invocations.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { entryUrl, functionName, memorySize, timeoutMs } = workerData;
const module = await import(entryUrl);
const handler = module.handler;
if (typeof handler !== 'function') throw new Error(`${entryUrl} exports no handler`);

parentPort.on('message', async ({ id, event }) => {
  const deadline = Date.now() + timeoutMs;
  const context = {
    awsRequestId: id,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memorySize),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await handler(event, context);
    parentPort.postMessage({
      id,
      ok: true,
      result: result === undefined ? null : JSON.parse(JSON.stringify(result)),
    });
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      error: {
        name: error?.name ?? 'Error',
        message: String(error?.message ?? error),
        stack: String(error?.stack ?? ''),
      },
    });
  }
});
parentPort.postMessage({ ready: true });
