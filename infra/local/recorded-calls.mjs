// What the bench's recording of AWS calls (infra/local/function-worker.mjs) and its warm replay
// (test/bench/warm-replay-worker.mjs) share.

/**
 * An S3 object body over bytes already read: what the local functions get while their calls are
 * recorded, and what the replay hands them. It gives the bytes the two ways the SDK's stream does
 * that the code uses (shared/adapters/documents-bucket.ts reads with transformToByteArray).
 */
export function recordedBody(bytes) {
  return {
    transformToByteArray: async () => bytes,
    transformToString: async (encoding = 'utf-8') => new TextDecoder(encoding).decode(bytes),
  };
}

/**
 * What a call is about, from its input: table, index and item key, queue, bucket and object,
 * secret. A replayed call gets the recorded answer of the same command about the same thing
 * first; ids made afresh on each run (a new request's key) fall back to the order of calls.
 */
export function callTarget(input = {}) {
  const item = input.Item && { pk: input.Item.pk, sk: input.Item.sk };
  return JSON.stringify([
    input.TableName,
    input.IndexName,
    typeof input.Key === 'object' ? input.Key : item,
    input.QueueUrl,
    input.Bucket,
    typeof input.Key === 'string' ? input.Key : undefined,
    input.SecretId,
  ]);
}
