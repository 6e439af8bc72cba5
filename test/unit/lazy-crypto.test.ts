import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE, buildAsDeployed } from '../../infra/bundling.ts';

const root = path.resolve(import.meta.dirname, '../..');
const shim = BUNDLE.alias['node:crypto'];
const work = mkdtempSync(path.join(tmpdir(), 'oss-lazy-crypto-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs an ES module script in a fresh Node process (as the Lambda runtime starts: node:crypto not loaded) and parses its last line. */
function fresh(script: string): unknown {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AWS_REGION: 'ap-southeast-7', POWERTOOLS_DEV: '' },
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? 'null');
}
const cryptoLoaded = "process.moduleLoadList.includes('NativeModule crypto')";

describe('node:crypto in the function bundles, loaded on first use', () => {
  it('the shim exports exactly what this Node’s node:crypto exports, as the very same values', () => {
    const lazy = createRequire(import.meta.url)(shim) as Record<string, unknown>;
    const real = process.getBuiltinModule('node:crypto') as unknown as Record<string, unknown>;
    expect(Object.keys(lazy).sort()).toEqual(Object.keys(real).sort());
    for (const name of ['createHash', 'KeyObject', 'constants', 'webcrypto'])
      expect(lazy[name]).toBe(real[name]);
  });

  it('requiring the shim loads nothing; reading an export loads node:crypto', () => {
    expect(
      fresh(
        `const req = process.getBuiltinModule('module').createRequire(${JSON.stringify(`${root}/`)});` +
          `const before = ${cryptoLoaded}; const c = req(${JSON.stringify(shim)}); const afterRequire = ${cryptoLoaded};` +
          `const hex = c.createHash('sha256').update('x').digest('hex');` +
          `console.log(JSON.stringify({ before, afterRequire, afterUse: ${cryptoLoaded}, hex }));`,
      ),
    ).toEqual({
      before: false,
      afterRequire: false,
      afterUse: true,
      hex: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
    });
  });

  it('the catalog’s bundle, built with the functions’ options, loads and serves a service without it (versions come with the catalogue file)', async () => {
    const outfile = path.join(work, 'catalog', 'index.cjs');
    await buildAsDeployed(path.join(root, 'functions/catalog/handler.ts'), outfile);
    const result = fresh(
      `const req = process.getBuiltinModule('module').createRequire(${JSON.stringify(`${root}/`)});` +
        `const { handler } = req(${JSON.stringify(outfile)}); const afterLoad = ${cryptoLoaded};` +
        `const r = await handler({ resource: '/v1/services/{code}', httpMethod: 'GET', path: '/v1/services/complaint', headers: {}, pathParameters: { code: 'complaint' }, body: null, requestContext: { requestId: 'r' } }, { awsRequestId: 'r', functionName: 'catalog', getRemainingTimeInMillis: () => 10000 });` +
        `console.log(JSON.stringify({ afterLoad, status: r.statusCode, version: JSON.parse(r.body).version, afterRequest: ${cryptoLoaded} }));`,
    ) as Record<string, unknown>;
    expect(result).toMatchObject({ afterLoad: false, status: 200, afterRequest: false });
    expect(result.version).toMatch(/^[0-9a-f]{12}$/);
  });
});
