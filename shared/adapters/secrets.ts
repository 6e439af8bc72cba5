import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV, requireEnv } from '../env.ts';

export const secretsClient = new SecretsManagerClient({});

let hashKey: Promise<string> | undefined;

/**
 * The deployment's hash key, fetched on first use and kept for the life of the execution
 * environment (no AWS call at init; one per cold start). A failed fetch is not cached.
 */
export function getHashKey(): Promise<string> {
  hashKey ??= secretsClient
    .send(new GetSecretValueCommand({ SecretId: requireEnv(ENV.hashKeySecretId) }))
    .then((r) => {
      if (!r.SecretString) throw new Error('hash key secret has no string value');
      return r.SecretString;
    })
    .catch((error: unknown) => {
      hashKey = undefined;
      throw error;
    });
  return hashKey;
}
