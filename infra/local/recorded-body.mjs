/**
 * An S3 object body over bytes already read: what the local functions get while the bench records
 * their AWS calls, and what the warm replay hands them (test/bench/warm-replay-worker.mjs). It gives
 * the bytes the two ways the SDK's stream does that the code uses.
 */
export function recordedBody(bytes) {
  return {
    transformToByteArray: async () => bytes,
    transformToString: async (encoding = 'utf-8') => new TextDecoder(encoding).decode(bytes),
  };
}
