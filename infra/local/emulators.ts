import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import dynalite from 'dynalite';
import { type FauxqsServer, startFauxqs } from 'fauxqs';

export const LOCAL_REGION = 'ap-southeast-7';
export const LOCAL_ACCOUNT = '000000000000';

export interface Emulators {
  /** The folder the emulators keep their data in. */
  readonly dataDir: string;
  readonly dynamodb: string;
  readonly sqsAndS3: string;
  readonly secretsManager: string;
  readonly fauxqs: FauxqsServer;
  readonly secrets: LocalSecrets;
  stop(): Promise<void>;
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Secret values for the template's secrets, generated once and kept in the data folder. */
export class LocalSecrets {
  private readonly file: string;
  private readonly values: Record<string, string>;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'secrets.json');
    this.values = existsSync(this.file) ? JSON.parse(readFileSync(this.file, 'utf8')) : {};
  }

  /** The value for a secret id (its ARN), generating and persisting it the first time. */
  ensure(id: string): string {
    let value = this.values[id];
    if (value === undefined) {
      value = randomBytes(32).toString('base64url');
      this.values[id] = value;
      writeFileSync(this.file, JSON.stringify(this.values, null, 2), { mode: 0o600 });
    }
    return value;
  }

  get(id: string): string | undefined {
    return this.values[id];
  }

  /** Sets a secret's value (the ThaiD stand-in's registration, which changes with its port). */
  set(id: string, value: string): void {
    this.values[id] = value;
    writeFileSync(this.file, JSON.stringify(this.values, null, 2), { mode: 0o600 });
  }
}

/**
 * The two KMS operations envelope encryption needs (GenerateDataKey, Decrypt), so the citizen-ID
 * vault uses the real KMS client locally too. Each key's material is a local secret; a data key is
 * returned sealed with AES-256-GCM under it, bound to the encryption context, which Decrypt must
 * match exactly as KMS requires. Not KMS: no policies, grants or rotation.
 */
function kms(
  target: string,
  input: { KeyId?: string; CiphertextBlob?: string; EncryptionContext?: Record<string, string> },
  secrets: LocalSecrets,
  reply: (status: number, payload: unknown) => void,
) {
  const aad = Buffer.from(JSON.stringify(Object.entries(input.EncryptionContext ?? {}).sort()));
  const masterKey = (keyId: string) =>
    createHash('sha256')
      .update(secrets.ensure(`kms:${keyId}`))
      .digest();
  if (target === 'TrentService.GenerateDataKey' && input.KeyId) {
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', masterKey(input.KeyId), iv).setAAD(aad);
    const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    const blob = Buffer.from(
      JSON.stringify({ k: input.KeyId, iv: iv.toString('base64'), d: sealed.toString('base64') }),
    );
    return reply(200, {
      KeyId: input.KeyId,
      Plaintext: plaintext.toString('base64'),
      CiphertextBlob: blob.toString('base64'),
    });
  }
  if (target === 'TrentService.Decrypt' && input.CiphertextBlob) {
    try {
      const { k, iv, d } = JSON.parse(Buffer.from(input.CiphertextBlob, 'base64').toString('utf8')) as {
        k: string;
        iv: string;
        d: string;
      };
      const data = Buffer.from(d, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', masterKey(k), Buffer.from(iv, 'base64')).setAAD(aad);
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plaintext = Buffer.concat([
        decipher.update(data.subarray(0, data.length - 16)),
        decipher.final(),
      ]);
      return reply(200, { KeyId: k, Plaintext: plaintext.toString('base64') });
    } catch {
      return reply(400, {
        __type: 'InvalidCiphertextException',
        message: 'The ciphertext or its context is invalid.',
      });
    }
  }
  return reply(400, { __type: 'UnsupportedOperation', message: `${target} is not emulated locally` });
}

/**
 * The smallest Secrets Manager that the SDK's GetSecretValue needs (AWS JSON 1.1 protocol), so
 * adapters read secrets with the real client on AWS and locally alike.
 */
function secretsManagerServer(secrets: LocalSecrets): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(payload));
      };
      const target = String(req.headers['x-amz-target'] ?? '');
      if (target.startsWith('TrentService.')) return kms(target, JSON.parse(body || '{}'), secrets, reply);
      if (target !== 'secretsmanager.GetSecretValue') {
        return reply(400, { __type: 'UnsupportedOperation', message: `${target} is not emulated locally` });
      }
      const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
      const value = SecretId ? secrets.get(SecretId) : undefined;
      if (!SecretId || value === undefined) {
        return reply(400, {
          __type: 'ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret.",
        });
      }
      return reply(200, {
        ARN: SecretId,
        Name: SecretId.split(':').pop(),
        SecretString: value,
        VersionId: 'local',
      });
    });
  });
}

/**
 * Starts dynalite (DynamoDB, LevelDB files under the data folder: requests survive restarts),
 * fauxqs (SQS in memory, S3 objects as files under the data folder) and the secrets endpoint.
 */
export async function startEmulators(dataDir: string): Promise<Emulators> {
  mkdirSync(path.join(dataDir, 'dynamodb'), { recursive: true });
  mkdirSync(path.join(dataDir, 's3'), { recursive: true });
  const dynamo = dynalite({
    path: path.join(dataDir, 'dynamodb'),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const dynamoPort = await listen(dynamo);
  const fauxqs = await startFauxqs({
    port: 0,
    host: undefined,
    logger: false,
    defaultRegion: LOCAL_REGION,
    messageSpies: { bufferSize: 5000 },
    s3StorageDir: path.join(dataDir, 's3'),
  });
  const secrets = new LocalSecrets(dataDir);
  const secretsServer = secretsManagerServer(secrets);
  const secretsPort = await listen(secretsServer);
  return {
    dataDir,
    dynamodb: `http://127.0.0.1:${dynamoPort}`,
    sqsAndS3: fauxqs.address,
    secretsManager: `http://127.0.0.1:${secretsPort}`,
    fauxqs,
    secrets,
    async stop() {
      await close(secretsServer);
      await fauxqs.stop();
      await close(dynamo);
    },
  };
}
