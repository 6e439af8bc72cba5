// One function, warm, with every AWS call answered from a recording (test/bench/warm-replay.ts):
// its own process.env (given by the parent), its source entry through tsx, as the local stack runs
// it. Each recorded invocation is checked to take its recorded path (cold, then warm), then timed.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';
import { callTarget, recordedBody } from '../../infra/local/recorded-calls.mjs';

register();
const { entryUrl, functionName, invocations, iterations, warmup } = workerData;
const requireFromEntry = createRequire(entryUrl);
const { Client } = requireFromEntry('@smithy/core/client');
/** Where a recorded error's class is, by its client, so `instanceof` checks in the code hold. */
const ERROR_PACKAGE_OF_CLIENT = {
  DynamoDBClient: '@aws-sdk/client-dynamodb',
  DynamoDBDocumentClient: '@aws-sdk/client-dynamodb',
  SQSClient: '@aws-sdk/client-sqs',
  S3Client: '@aws-sdk/client-s3',
  KMSClient: '@aws-sdk/client-kms',
  SecretsManagerClient: '@aws-sdk/client-secrets-manager',
};

/**
 * The answers of the invocation being replayed, in the order recorded; `used` marks those given.
 * `borrowing` lets a call the invocation did not record take another invocation's answer: a cache
 * (a secret, a data key) that was warm when it was recorded is cold in a fresh worker. Only the
 * untimed passes may borrow; a timed replay that would have to is counted as diverged.
 */
let answers = [];
let borrowing = true;
let unanswered;
Client.prototype.send = function replayedSend(command) {
  const name = command.constructor.name;
  const target = callTarget(command.input);
  const same = (a) => !a.used && a.command === name;
  let answer = answers.find((a) => same(a) && a.target === target) ?? answers.find(same);
  if (!answer && borrowing) {
    const other = invocations.flatMap((inv) => inv.calls).filter((c) => c.command === name);
    const found = other.find((c) => c.target === target) ?? other[0];
    if (found) answer = answerOf(found, -1);
  }
  if (!answer) {
    unanswered = name;
    return Promise.reject(new Error(`no recorded answer for ${name}`));
  }
  answer.used = true;
  if (answer.error) return Promise.reject(recordedError(answer));
  return Promise.resolve(answer.output);
};

function recordedError({ client, error }) {
  const ErrorClass =
    ERROR_PACKAGE_OF_CLIENT[client] && requireFromEntry(ERROR_PACKAGE_OF_CLIENT[client])[error.name];
  const $metadata = { httpStatusCode: error.httpStatusCode };
  if (typeof ErrorClass === 'function') return new ErrorClass({ message: error.message, $metadata });
  return Object.assign(new Error(error.message), { name: error.name, $metadata });
}

/**
 * A recorded answer as the SDK would hand it over: built from JSON (the SDK parses JSON too, and
 * V8 shapes such objects alike) unless it holds bytes or dates, which JSON would change; an
 * object body as a body. `at` is its place in the invocation's recorded calls.
 */
function answerOf(call, at) {
  const copy = needsClone(call) ? structuredClone(call) : JSON.parse(JSON.stringify(call));
  const bytes = copy.output?.Body?.recordedBytes;
  if (bytes) copy.output.Body = recordedBody(bytes);
  return Object.assign(copy, { at, used: false });
}
const needsClone = (value) =>
  value instanceof Uint8Array ||
  value instanceof Date ||
  (value !== null && typeof value === 'object' && Object.values(value).some(needsClone));

/** One replay's answers and event, copied before the clock starts (the code may change them). */
const prepare = (inv) => ({
  answers: inv.calls.map((c, at) => answerOf(c, at)),
  // As Lambda hands it over: parsed from JSON (objects shaped as JSON.parse shapes them).
  event: JSON.parse(JSON.stringify(inv.event)),
});

const context = {
  awsRequestId: 'replay',
  functionName,
  functionVersion: '$LATEST',
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '512',
  getRemainingTimeInMillis: () => 10_000,
  callbackWaitsForEmptyEventLoop: true,
};

/**
 * What an invocation answered, as far as it must match the recording: an HTTP status (bodies hold
 * fresh ids and times), the number of failed batch items, or the whole result (a schedule's
 * counts), or that it threw.
 */
const outcome = (result) =>
  JSON.stringify(
    result?.threw
      ? { threw: true }
      : result && typeof result === 'object' && 'statusCode' in result
        ? { statusCode: result.statusCode }
        : result && typeof result === 'object' && 'batchItemFailures' in result
          ? { batchItemFailures: result.batchItemFailures.length }
          : (result ?? null),
  );

// A replay that fails is left out and the results say why; the 500 handler's own line on stderr
// (shared/http/middleware.ts) would only repeat it. Logging is silenced by the environment.
console.error = () => {};
const { handler } = await import(entryUrl);

/** Replays one invocation; returns whether it ended as recorded and the answers it was given. */
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
  return { same: outcome(result) === outcome(inv.result), result, given: answers.filter((a) => a.used) };
}

// Cold pass: which invocations take their recorded path on replay (a fresh worker may borrow).
const replayable = [];
const excluded = [];
for (const [index, inv] of invocations.entries()) {
  if (inv.calls.some((c) => c.unrecordable)) {
    excluded.push('an answer could not be recorded');
    continue;
  }
  const { same, result } = await replayOnce(inv);
  // An unanswered call fails, and the code may carry on past it (intake leaves a failed send to
  // the reconciler): the outcome can match while the path did not.
  if (same && !unanswered) replayable.push({ index, inv });
  else
    excluded.push(
      unanswered
        ? `called ${unanswered}, which the recording never answered`
        : `answered ${outcome(result)} on replay, ${outcome(inv.result)} when recorded (it reaches past the AWS SDK)`,
    );
}
// Warm pass, borrowing no more: each must still end as recorded, with its own answers only; the
// answers it no longer needs (a cache filled then) are dropped, so the timed runs copy none.
borrowing = false;
const timedSet = [];
for (const entry of replayable) {
  const { same, given } = await replayOnce(entry.inv);
  if (!same || unanswered) {
    excluded.push(
      unanswered ? `needs ${unanswered} answered by another invocation` : 'ends otherwise when warm',
    );
    continue;
  }
  const keep = new Set(given.map((a) => a.at));
  timedSet.push({
    index: entry.index,
    inv: { ...entry.inv, calls: entry.inv.calls.filter((_, at) => keep.has(at)) },
  });
}

let diverged = 0;
/** One replay under the clock; every AWS call answers at once, so the time is the handler's CPU. */
async function timed({ inv }) {
  const next = prepare(inv);
  answers = next.answers;
  unanswered = undefined;
  let result;
  const t0 = process.hrtime.bigint();
  try {
    result = await handler(next.event, context);
  } catch (error) {
    result = { threw: String(error?.message ?? error) };
  }
  const elapsed = Number(process.hrtime.bigint() - t0) / 1000;
  if (unanswered || outcome(result) !== outcome(inv.result)) diverged++;
  return elapsed;
}

const micros = [];
/** Samples per timed invocation, by its index in `invocations`. */
const byInvocation = new Map();
// Warm up on all of them in turn; then time each in a block of its own, so that the garbage one
// leaves (a bill's QR code) is not collected in another's time.
for (let i = 0; i < warmup && timedSet.length > 0; i++) await timed(timedSet[i % timedSet.length]);
diverged = 0;
for (const entry of timedSet) {
  const samples = [];
  for (let i = 0; i < Math.ceil(iterations / timedSet.length); i++) samples.push(await timed(entry));
  byInvocation.set(entry.index, samples);
  micros.push(...samples);
}
parentPort.postMessage({ micros, byInvocation, replayed: timedSet.length, excluded, diverged });
