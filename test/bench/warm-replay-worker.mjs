// One function, warm, with every AWS call answered from a recording (test/bench/warm-replay.ts):
// its own process.env (given by the parent), its source entry through tsx, as the local stack runs
// it. Each recorded invocation is replayed until warm, then round-robin under the clock.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { recordedBody } from '../../infra/local/recorded-body.mjs';

register();
const { entryUrl, functionName, invocations, iterations, warmup } = workerData;
const requireFromEntry = createRequire(entryUrl);
const { Client } = requireFromEntry('@smithy/core/client');
/** Where a recorded error's class is found, so `instanceof` checks in the code hold on replay. */
const ERROR_PACKAGES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-kms',
  '@aws-sdk/client-secrets-manager',
  '@aws-sdk/client-sns',
];

// Any recorded answer per command: for a call the recorded invocation did not make because an
// earlier one had cached its answer (a secret, a data key), which a fresh worker makes once.
const anyAnswer = new Map();
for (const inv of invocations)
  for (const c of inv.calls) if (!anyAnswer.has(c.command)) anyAnswer.set(c.command, c);

let answers = new Map();
let unanswered;
Client.prototype.send = function replayedSend(command) {
  const name = command.constructor.name;
  const call =
    answers.get(name)?.shift() ?? (anyAnswer.has(name) ? answerOf(anyAnswer.get(name)) : undefined);
  if (!call) {
    unanswered = name;
    return Promise.reject(new Error(`no recorded answer for ${name}`));
  }
  if (call.error) return Promise.reject(recordedError(call.error));
  return Promise.resolve(call.output);
};

function recordedError({ name, message }) {
  for (const pkg of ERROR_PACKAGES) {
    const ErrorClass = requireFromEntry(pkg)[name];
    if (typeof ErrorClass === 'function') return new ErrorClass({ message, $metadata: {} });
  }
  return Object.assign(new Error(message), { name });
}

/**
 * A recorded answer as the SDK would hand it over: built from JSON where it holds no bytes (the
 * SDK parses JSON too, and V8 shapes such objects alike), else copied; an object body as a body.
 */
function answerOf(call) {
  const copy = holdsBytes(call) ? structuredClone(call) : JSON.parse(JSON.stringify(call));
  const bytes = copy.output?.Body?.recordedBytes;
  if (bytes) copy.output.Body = recordedBody(bytes);
  return copy;
}
const holdsBytes = (value) =>
  value instanceof Uint8Array ||
  (value !== null && typeof value === 'object' && Object.values(value).some(holdsBytes));

/** The answers one replay consumes, copied before the clock starts (the code may change them). */
function prepare(inv) {
  const byCommand = new Map();
  for (const c of inv.calls) {
    if (!byCommand.has(c.command)) byCommand.set(c.command, []);
    byCommand.get(c.command).push(answerOf(c));
  }
  // As Lambda hands it over: parsed from JSON (objects shaped as JSON.parse shapes them).
  return { answers: byCommand, event: JSON.parse(JSON.stringify(inv.event)) };
}

const context = {
  awsRequestId: 'replay',
  functionName,
  functionVersion: '$LATEST',
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '512',
  getRemainingTimeInMillis: () => 10_000,
  callbackWaitsForEmptyEventLoop: true,
};

/** What an invocation answered, as far as its outcome goes (status, or failed batch items). */
const outcome = (result) =>
  JSON.stringify(
    result && typeof result === 'object'
      ? { statusCode: result.statusCode, batchItemFailures: result.batchItemFailures?.length }
      : typeof result,
  );

const { handler } = await import(entryUrl);

/** Replays one invocation (answers copied first); returns its outcome and the answers it left. */
async function replayOnce(inv) {
  unanswered = undefined;
  const next = prepare(inv);
  answers = next.answers;
  let result;
  try {
    result = await handler(next.event, context);
  } catch (error) {
    result = { threw: String(error?.message ?? error) };
  }
  return { same: outcome(result) === outcome(inv.result), result, left: answers };
}

// Cold pass: which invocations take their recorded path on replay.
const replayable = [];
const excluded = [];
for (const [index, inv] of invocations.entries()) {
  if (inv.calls.some((c) => c.unrecordable)) {
    excluded.push('an answer could not be recorded (a stream)');
    continue;
  }
  const { same, result } = await replayOnce(inv);
  if (!same) {
    excluded.push(
      unanswered
        ? `called ${unanswered}, which the recording never answered`
        : `answered ${outcome(result)} on replay, ${outcome(inv.result)} when recorded (it reaches past the AWS SDK)`,
    );
    continue;
  }
  replayable.push({ index, inv });
}
// Warm pass: a call the recording holds only because a cache was cold then (a secret, a data
// key) is not made warm; its answer is dropped, so no copy of it is made for the timed replays.
for (const entry of replayable) {
  const { left } = await replayOnce(entry.inv);
  const unused = new Map([...left].map(([command, queue]) => [command, queue.length]));
  const total = new Map();
  for (const c of entry.inv.calls) total.set(c.command, (total.get(c.command) ?? 0) + 1);
  const seen = new Map();
  const calls = entry.inv.calls.filter((c) => {
    const n = (seen.get(c.command) ?? 0) + 1;
    seen.set(c.command, n);
    return n <= total.get(c.command) - (unused.get(c.command) ?? 0);
  });
  entry.inv = { ...entry.inv, calls };
}

const micros = [];
/** Samples per replayed invocation, by its index in `invocations`. */
const byInvocation = new Map();
let diverged = 0;
/** One replay under the clock; every AWS call answers at once, so the time is the handler's CPU. */
async function timed({ inv }) {
  const next = prepare(inv);
  answers = next.answers;
  const t0 = process.hrtime.bigint();
  const result = await handler(next.event, context);
  const elapsed = Number(process.hrtime.bigint() - t0) / 1000;
  if (outcome(result) !== outcome(inv.result)) diverged++;
  return elapsed;
}
// Warm up on all of them in turn; then time each in a block of its own, so that the garbage one
// leaves (a bill's QR code) is not collected in another's time.
for (let i = 0; i < warmup && replayable.length > 0; i++) await timed(replayable[i % replayable.length]);
for (const entry of replayable) {
  const samples = [];
  for (let i = 0; i < Math.ceil(iterations / replayable.length); i++) samples.push(await timed(entry));
  byInvocation.set(entry.index, samples);
  micros.push(...samples);
}
parentPort.postMessage({ micros, byInvocation, replayed: replayable.length, excluded, diverged });
