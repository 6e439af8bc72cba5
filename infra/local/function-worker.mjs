// A Lambda execution environment for one function: its own process.env (given by the
// parent), the tsx loader so it can import the TypeScript entry, and a loop of invocations.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { callTarget, recordedBody } from './recorded-calls.mjs';

register();
const { entryUrl, functionName, memorySize, timeoutMs, recordAwsCalls } = workerData;
const recording = recordAwsCalls ? recordAwsCallsPerInvocation() : undefined;
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
  const awsCalls = recording ? [] : undefined;
  try {
    const result = await (recording
      ? recording.run(awsCalls, () => handler(event, context))
      : handler(event, context));
    parentPort.postMessage({
      id,
      ok: true,
      result: result === undefined ? null : JSON.parse(JSON.stringify(result)),
      ...(awsCalls && { awsCalls }),
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

/**
 * For the bench's warm replay (test/bench/warm-replay.ts): every AWS SDK call an invocation makes,
 * in the order made, with what it answered. All clients send through smithy's one `Client` class,
 * so one wrapper sees them all, at the level the code calls (the document client's plain items).
 */
function recordAwsCallsPerInvocation() {
  const calls = new AsyncLocalStorage();
  const { Client } = createRequire(entryUrl)('@smithy/core/client');
  const send = Client.prototype.send;
  Client.prototype.send = function recordedSend(command, ...rest) {
    const sent = send.call(this, command, ...rest);
    const list = calls.getStore();
    if (!list || typeof sent?.then !== 'function') return sent;
    const call = {
      command: command.constructor.name,
      client: this.constructor.name,
      target: callTarget(command.input),
    };
    list.push(call);
    return sent.then(
      async (output) => {
        // An object's body (S3 GetObject) is a stream, read once: read it here, record its bytes,
        // and hand the code a body that gives the same bytes the ways the SDK's does.
        if (typeof output?.Body?.transformToByteArray === 'function') {
          const bytes = await output.Body.transformToByteArray();
          call.output = {
            ...structuredClone({ ...output, Body: undefined }),
            Body: { recordedBytes: bytes },
          };
          return { ...output, Body: recordedBody(bytes) };
        }
        try {
          call.output = structuredClone(output);
        } catch {
          call.unrecordable = true; // a function or a handle: this invocation cannot be replayed
        }
        return output;
      },
      (error) => {
        call.error = {
          name: String(error?.name ?? 'Error'),
          message: String(error?.message ?? error),
          httpStatusCode: error?.$metadata?.httpStatusCode,
        };
        throw error;
      },
    );
  };
  return calls;
}
