import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAsDeployed, SIDE_FILES } from '../../infra/bundling.ts';

const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'oss-side-files-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Builds an entry as a function is deployed; returns the bundle, the sources in it and its side files. */
async function bundle(name: string, entry: string) {
  const outfile = path.join(work, name, 'index.cjs');
  const { metafile, sideFiles } = await buildAsDeployed(entry, outfile);
  const inputs = Object.keys(Object.values(metafile.outputs)[0]?.inputs ?? {});
  return { outfile, inputs, sideFiles };
}

const renderers = /node_modules\/(qrcode|promptparse|bahttext)\//;

describe('the bill renderers, a file of their own beside the bundles that show bills', () => {
  it('are not in intake’s bundle, which names their file and gets it beside it', async () => {
    const { outfile, inputs, sideFiles } = await bundle(
      'intake',
      path.join(root, 'functions/intake/handler.ts'),
    );
    expect(inputs.some((i) => i.includes('shared/domain/bills.ts'))).toBe(true);
    expect(inputs.filter((i) => renderers.test(i))).toEqual([]);
    expect(sideFiles).toEqual(['bill-render.cjs', 'errors-th.cjs', 'powertools-metrics.cjs']);
    expect(existsSync(path.join(path.dirname(outfile), 'bill-render.cjs'))).toBe(true);
  });

  it('are not put beside a bundle that never shows a bill (the catalogue: only the error texts)', async () => {
    const { outfile, sideFiles } = await bundle('catalog', path.join(root, 'functions/catalog/handler.ts'));
    expect(sideFiles).toEqual(['errors-th.cjs', 'powertools-metrics.cjs']);
    expect(existsSync(path.join(path.dirname(outfile), 'bill-render.cjs'))).toBe(false);
  });

  it('load from that file on the first bill shown, and render its Thai QR and amount in words', async () => {
    const entry = path.join(work, 'bill-view-entry.ts');
    writeFileSync(
      entry,
      `export { billView } from ${JSON.stringify(path.join(root, 'shared/domain/bills.ts'))};\n`,
    );
    const { outfile } = await bundle('bill-view', entry);
    const side = path.join(path.dirname(outfile), SIDE_FILES[0].file);
    const bill = {
      billId: 'b-1',
      kind: 'fee',
      agencyId: 'pao-20',
      amountSatang: 12_345,
      ref1: 'OSS20TEST1',
      ref2: 'FEE',
      billerId: '010753600031508',
      issuedAt: '2026-12-07T10:00:00+07:00',
      expiresAt: '2026-12-14T10:00:00+07:00',
      status: 'ISSUED',
    };
    const script = [
      `const req = process.getBuiltinModule('module').createRequire(${JSON.stringify(`${root}/`)});`,
      `const { billView } = req(${JSON.stringify(outfile)});`,
      `const loaded = () => Object.keys(req.cache).some((k) => k.endsWith('bill-render.cjs'));`,
      'const before = loaded();',
      `const view = await billView(${JSON.stringify(bill)}).catch((e) => ({ error: e.code }));`,
      'process.stdout.write(JSON.stringify({ before, after: loaded(), text: view.amountTextTh, svg: view.qrSvg?.slice(0, 4), payload: view.qrPayload?.slice(0, 6), error: view.error }));',
    ].join('\n');
    const run = () => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Record<string, unknown>;
    };
    expect(run()).toEqual({
      before: false,
      after: true,
      text: 'หนึ่งร้อยยี่สิบสามบาทสี่สิบห้าสตางค์',
      svg: '<svg',
      payload: '000201',
    });
    // Without the file beside it, the bundle has no renderers of its own.
    rmSync(side);
    expect(run()).toMatchObject({ error: 'MODULE_NOT_FOUND' });
  });
});

describe('the Thai error texts, a file of their own beside the API bundles', () => {
  it('load from that file on the first error answered, which carries them', async () => {
    const { outfile, inputs } = await bundle(
      'catalog-errors',
      path.join(root, 'functions/catalog/handler.ts'),
    );
    expect(inputs.some((i) => i.includes('errors-th.ts'))).toBe(false);
    const script = [
      `const req = process.getBuiltinModule('module').createRequire(${JSON.stringify(`${root}/`)});`,
      `const { handler } = req(${JSON.stringify(outfile)});`,
      `const loaded = () => Object.keys(req.cache).some((k) => k.endsWith('errors-th.cjs'));`,
      'const ask = (code) => handler({ resource: "/v1/services/{code}", httpMethod: "GET", path: "/v1/services/" + code, headers: {}, pathParameters: { code }, body: null, requestContext: { requestId: "r" } }, { awsRequestId: "r", functionName: "catalog", getRemainingTimeInMillis: () => 10000 });',
      'const found = await ask("complaint"); const afterFound = loaded();',
      'const missing = await ask("no-such-service");',
      'process.stdout.write(JSON.stringify({ found: found.statusCode, afterFound, missing: missing.statusCode, error: JSON.parse(missing.body).error, afterMissing: loaded() }));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, AWS_REGION: 'ap-southeast-7' },
    });
    expect(r.status, r.stderr).toBe(0);
    const seen = JSON.parse(r.stdout) as { error: { code: string; messageTh: string } } & Record<
      string,
      unknown
    >;
    expect(seen).toMatchObject({ found: 200, afterFound: false, missing: 404, afterMissing: true });
    expect(seen.error.messageTh).toMatch(/[\u0E00-\u0E7F]/);
  });
});

describe('Powertools Metrics, a file of its own beside every bundle', () => {
  it('loads from that file on the first metric recorded, and publishes it as EMF', async () => {
    const { outfile, inputs, sideFiles } = await bundle(
      'observability',
      path.join(root, 'shared/observability.ts'),
    );
    expect(inputs.filter((i) => i.includes('@aws-lambda-powertools/metrics/'))).toEqual([]);
    expect(sideFiles).toEqual(['powertools-metrics.cjs']);
    const script = [
      `const req = process.getBuiltinModule('module').createRequire(${JSON.stringify(`${root}/`)});`,
      `const { metrics, observability } = req(${JSON.stringify(outfile)});`,
      `const loaded = () => Object.keys(req.cache).some((k) => k.endsWith('powertools-metrics.cjs'));`,
      'const before = loaded();',
      "metrics.addMetric('SideFileTest', 'Count', 3);",
      'const after = loaded();',
      'await observability()[1].after();',
      "process.stdout.write('\\n' + JSON.stringify({ before, after }));",
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        AWS_REGION: 'ap-southeast-7',
        OSS_FUNCTION: 'side-test',
        POWERTOOLS_METRICS_DISABLED: 'false',
      },
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(JSON.parse(lines.at(-1) ?? '{}')).toEqual({ before: false, after: true });
    const emf = lines
      .filter((l) => l.includes('"_aws"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ SideFileTest: 3, service: 'side-test' });
  });
});
