import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCitizenId, sealCitizenId } from '../../shared/adapters/citizen-id-vault.ts';

const kms = mockClient(KMSClient);
const ddb = mockClient(DynamoDBDocumentClient);
const plaintext = new Uint8Array(32).fill(9);
const stored = new Map<string, unknown>();

beforeAll(() => {
  process.env.CITIZEN_ID_KEY_ARN = 'arn:aws:kms:ap-southeast-7:000000000000:key/test';
  process.env.REQUESTS_TABLE_NAME = 'requests';
  kms
    .on(GenerateDataKeyCommand)
    .resolves({ Plaintext: plaintext, CiphertextBlob: new Uint8Array(48).fill(3) });
  kms.on(DecryptCommand).resolves({ Plaintext: plaintext });
  ddb.on(PutCommand).callsFake((input: { Item: { pk: string } }) => {
    stored.set(input.Item.pk, input.Item);
    return {};
  });
  ddb.on(GetCommand).callsFake((input: { Key: { pk: string } }) => ({ Item: stored.get(input.Key.pk) }));
});

describe('citizen ID vault', () => {
  it('seals every ID under a fresh nonce (beyond one pool of nonces) and opens each back', async () => {
    const ids = Array.from({ length: 700 }, (_, i) => `1${String(i).padStart(12, '0')}`);
    const sealed = [];
    for (const id of ids) sealed.push(await sealCitizenId(id));
    // A repeated (key, nonce) pair would break AES-GCM: none may repeat.
    expect(new Set(sealed.map((s) => s.iv)).size).toBe(ids.length);
    expect(sealed.every((s) => Buffer.from(s.iv, 'base64').length === 12)).toBe(true);
    expect(kms.commandCalls(GenerateDataKeyCommand)).toHaveLength(1);
    for (const [i, s] of sealed.entries()) expect(await openCitizenId(s)).toBe(ids[i]);
  });
});
