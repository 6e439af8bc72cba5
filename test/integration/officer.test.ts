import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateIssuer, signAgencyToken } from '../../infra/local/agency-tokens.ts';
import { VALID_CITIZEN_ID } from '../support/citizen-ids.ts';
import { eventually, http, type LocalStack, startTestStack } from '../support/local-stack.ts';

/** Issue #18: what a district officer needs to work a case unaided. */
let stack: LocalStack;
let dispose: () => void;
let dataDir: string;
let ddb: DynamoDBDocumentClient;
const tokens = new Map<string, string>();
const root = path.resolve(import.meta.dirname, '../..');

beforeAll(async () => {
  ({ stack, dispose, dataDir } = await startTestStack());
  const issuer = await loadOrCreateIssuer(dataDir);
  for (const a of ['district-2001', 'district-2002', 'damrongdhama-20'])
    tokens.set(a, await signAgencyToken(issuer, a));
  ddb = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.endpoints.dynamodb,
      region: 'ap-southeast-7',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
});
afterAll(async () => {
  ddb?.destroy();
  await stack?.stop();
  dispose?.();
});

const asAgency = (agencyId: string) => ({ authorization: `Bearer ${tokens.get(agencyId)}` });
const tableName = () => stack.functionsNamed('intake')[0]?.spec.environment.REQUESTS_TABLE_NAME ?? '';
const stored = async (id: string) =>
  (await ddb.send(new GetCommand({ TableName: tableName(), Key: { pk: `REQUEST#${id}`, sk: 'REQUEST' } })))
    .Item as Record<string, any>;

const oss = async (...args: string[]) => {
  try {
    const r = await promisify(execFile)(
      process.execPath,
      [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'infra/local/cli.ts', ...args],
      { cwd: root, encoding: 'utf8', env: { ...process.env, OSS_API_URL: stack.url, OSS_DATA_DIR: dataDir } },
    );
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
};

async function landTaxRequest() {
  const res = await http(stack.url, 'POST', '/v1/requests', {
    body: {
      serviceCode: 'land-building-tax',
      provinceCode: '20',
      districtCode: '2001',
      applicant: { citizenId: VALID_CITIZEN_ID, firstName: 'สมชาย', lastName: 'ใจดี' },
      details: { parcelNo: '999', taxYear: 2026, useType: ['residential'] },
    },
  });
  expect(res.status, res.text).toBe(201);
  const id = res.json.requestId as string;
  await eventually(async () => ((await stored(id))?.status === 'ROUTED' ? true : undefined));
  return { id, citizen: { authorization: `Bearer ${res.json.accessToken}` } };
}

describe('revealing the full citizen ID on purpose', () => {
  it('gives the assigned agency the ID with a reason, on the record; everyone else sees the mask', async () => {
    const { id, citizen } = await landTaxRequest();
    // Stored sealed: neither the ID nor anything that reads as it is in the item.
    const item = await stored(id);
    expect(JSON.stringify(item)).not.toContain(VALID_CITIZEN_ID);
    expect(item.applicant.citizenIdSealed).toMatchObject({
      key: expect.any(String),
      data: expect.any(String),
    });

    const reveal = (agencyId: string, body: unknown) =>
      http(stack.url, 'POST', `/v1/agencies/${agencyId}/requests/${id}/reveal`, {
        body,
        headers: asAgency(agencyId),
      });
    const noReason = await reveal('district-2001', {});
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.issues[0].path).toBe('reason');
    expect((await reveal('district-2002', { reason: 'ตรวจสอบตัวตน' })).status).toBe(403);
    expect((await stored(id)).version).toBe(item.version);

    const ok = await reveal('district-2001', { reason: 'ตรวจสอบตัวตนก่อนออกเลขที่บ้าน / identity check' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.citizenId).toBe(VALID_CITIZEN_ID);
    const last = (await stored(id)).history.at(-1);
    expect(last).toMatchObject({ actor: 'agency:district-2001', status: 'ROUTED' });
    expect(last.note).toMatch(/Full citizen ID revealed to officer .*: ตรวจสอบตัวตนก่อนออกเลขที่บ้าน/);
    expect(last.note).not.toContain(VALID_CITIZEN_ID);

    // The citizen's and the agency's views still carry only the mask.
    const citizenView = await http(stack.url, 'GET', `/v1/requests/${id}`, { headers: citizen });
    expect(citizenView.text).not.toContain(VALID_CITIZEN_ID);
    expect(citizenView.text).not.toContain('citizenIdSealed');
    const agencyView = await http(stack.url, 'GET', `/v1/agencies/district-2001/requests/${id}`, {
      headers: asAgency('district-2001'),
    });
    expect(agencyView.text).not.toContain(VALID_CITIZEN_ID);
    expect(agencyView.text).not.toContain('citizenIdSealed');

    const cli = await oss('agency', 'reveal', id, '--agency', 'district-2001', '--note', 'ยืนยันตัวตนที่เคาน์เตอร์');
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(VALID_CITIZEN_ID);
    expect(
      (await stored(id)).history.filter((h: { note?: string }) => h.note?.includes('revealed')),
    ).toHaveLength(2);
  });
});
