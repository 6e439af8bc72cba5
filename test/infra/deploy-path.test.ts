import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOssApp } from '../../infra/oss-app.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'oss-deploy-path-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The CDK CLI as an operator runs it (`cdk synth`), with a shell environment of our choosing. */
async function cdkSynth(args: string[], env: Record<string, string | undefined>) {
  const { AWS_REGION: _r, AWS_DEFAULT_REGION: _d, CDK_DEFAULT_REGION: _c, ...base } = process.env;
  try {
    const out = await run(path.join(root, 'node_modules/.bin/cdk'), ['synth', '-q', ...args], {
      cwd: root,
      env: { ...base, ...env } as NodeJS.ProcessEnv,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, output: out.stdout + out.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** The environments of the app's stacks; CloudFront's own (the web ACL, Lambda@Edge) must be us-east-1. */
const environmentsOf = (outdir: string) => {
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'assembly-Oss-prod', 'manifest.json'), 'utf8'));
  const stacks = Object.entries(
    manifest.artifacts as Record<string, { type: string; environment?: string; displayName?: string }>,
  ).filter(([, a]) => a.type === 'aws:cloudformation:stack');
  const edge = stacks.filter(([, a]) => a.displayName === 'Oss-prod/Edge');
  expect(edge.map(([, a]) => a.environment)).toEqual(['aws://unknown-account/us-east-1']);
  return new Set(stacks.filter(([, a]) => a.displayName !== 'Oss-prod/Edge').map(([, a]) => a.environment));
};

describe('deploying through the CDK CLI', () => {
  // Only the stateful stack is selected so the CLI bundles no function; the whole app is still synthesized.
  const select = ['-c', 'env=prod', '-c', 'provinces=20', 'Oss-prod/Stateful'];

  it('targets the Thailand region when the CLI falls back to us-east-1 (no region configured)', async () => {
    const outdir = path.join(work, 'default');
    const r = await cdkSynth([...select, '--output', outdir], {});
    expect(r.code, r.output).toBe(0);
    expect(environmentsOf(outdir)).toEqual(new Set(['aws://unknown-account/ap-southeast-7']));
  }, 120_000);

  it('refuses a shell whose AWS_REGION names another region, unless -c region= says so', async () => {
    const refused = await cdkSynth([...select, '--output', path.join(work, 'refused')], {
      AWS_REGION: 'us-east-1',
    });
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain(
      'environment prod deploys to ap-southeast-7, but AWS_REGION/AWS_DEFAULT_REGION is us-east-1',
    );

    const outdir = path.join(work, 'explicit');
    const explicit = await cdkSynth([...select, '-c', 'region=ap-southeast-1', '--output', outdir], {
      AWS_REGION: 'us-east-1',
    });
    expect(explicit.code, explicit.output).toBe(0);
    expect(environmentsOf(outdir)).toEqual(new Set(['aws://unknown-account/ap-southeast-1']));
  }, 120_000);
});

describe('bundles as deployed', () => {
  it('put the reference data files beside each bundle that reads them, and stay under 400 KB', async () => {
    const outdir = path.join(work, 'bundled');
    const r = await cdkSynth(['-c', 'provinces=20', 'Oss-dev/Api', '--output', outdir], {});
    expect(r.code, r.output).toBe(0);
    const dir = path.join(outdir, 'assembly-Oss-dev');
    const template = JSON.parse(
      readFileSync(
        path.join(dir, readdirSync(dir).find((f) => /^OssdevApi.*\.template\.json$/.test(f)) ?? ''),
        'utf8',
      ),
    ) as {
      Resources: Record<
        string,
        { Type: string; Metadata?: Record<string, unknown>; Properties?: Record<string, unknown> }
      >;
    };
    const functions = Object.values(template.Resources).filter(
      (x) => x.Type === 'AWS::Lambda::Function' && x.Metadata?.['oss:entry'],
    );
    expect(functions.length).toBeGreaterThanOrEqual(13);
    for (const f of functions) {
      const asset = path.join(dir, String(f.Metadata?.['aws:asset:path']));
      const files = readdirSync(asset);
      // CommonJS (infra/bundling.ts), strict from its first line; Node loads no source map.
      expect(files, String(f.Metadata?.['oss:entry'])).toContain('index.js');
      const source = readFileSync(path.join(asset, 'index.js'), 'utf8');
      expect(source.startsWith('"use strict";')).toBe(true);
      // node:crypto only through the shim that loads it on first use (infra/bundling.ts's alias).
      expect(source, String(f.Metadata?.['oss:entry'])).not.toMatch(/require\("(node:)?crypto"\)/);
      expect(JSON.stringify(f.Properties?.Environment ?? {})).not.toContain('enable-source-maps');
      // The bill renderers: never inside a bundle, beside exactly the bundles that load them.
      const { sources } = JSON.parse(readFileSync(path.join(asset, 'index.js.map'), 'utf8')) as {
        sources: string[];
      };
      expect(sources.length).toBeGreaterThan(10);
      expect(
        sources.filter((s) => /node_modules\/(qrcode|promptparse|bahttext)\//.test(s)),
        String(f.Metadata?.['oss:entry']),
      ).toEqual([]);
      expect(files.includes('bill-render.cjs'), String(f.Metadata?.['oss:entry'])).toBe(
        source.includes('bill-render.cjs'),
      );
      const dataFiles = (f.Metadata?.['oss:data-files'] ?? []) as string[];
      expect(dataFiles).toContain('shared/data/districts.json');
      for (const data of dataFiles) expect(files).toContain(path.basename(data));
      expect(
        statSync(path.join(asset, 'index.js')).size,
        String(f.Metadata?.['oss:entry']),
      ).toBeLessThanOrEqual(400 * 1024);
    }
    const intake = functions.find((f) => f.Metadata?.['oss:entry'] === 'functions/intake/handler.ts');
    const intakeFiles = readdirSync(path.join(dir, String(intake?.Metadata?.['aws:asset:path'])));
    expect(intakeFiles).toContain('subdistricts.json');
    // Intake shows a fee's bill as it files: its renderers go with it.
    expect(intakeFiles).toContain('bill-render.cjs');
    // The deployed bundle runs as the runtime loads it (require), and finds its data file beside it.
    const catalog = functions.find((f) => f.Metadata?.['oss:entry'] === 'functions/catalog/handler.ts');
    const { handler } = createRequire(import.meta.url)(
      path.join(dir, String(catalog?.Metadata?.['aws:asset:path']), 'index.js'),
    ) as { handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }> };
    const answer = await handler(
      {
        resource: '/v1/provinces/{code}/districts',
        path: '/v1/provinces/20/districts',
        httpMethod: 'GET',
        headers: {},
        pathParameters: { code: '20' },
        requestContext: { requestId: 'deploy-path' },
      },
      { awsRequestId: 'deploy-path', functionName: 'catalog', getRemainingTimeInMillis: () => 10_000 },
    );
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body).items.map((d: { code: string }) => d.code)).toContain('2001');
  }, 300_000);
});

/**
 * cfn-lint warnings accepted on the production templates, with why. Anything else (and any error)
 * fails the test.
 */
const ACCEPTED_WARNINGS: Readonly<Record<string, string>> = {
  W3005:
    'CDK adds an explicit DependsOn on a function role (and on the notification queue) that a GetAtt also implies; harmless, and CDK-generated.',
};

describe('cfn-lint on the production templates (all 77 provinces)', () => {
  it('finds no errors and only the accepted warnings', async () => {
    const outdir = path.join(work, 'lint');
    const app = new App({
      outdir,
      context: { 'aws:cdk:bundling-stacks': [], provinces: 'all', env: 'prod' },
    });
    buildOssApp(app);
    app.synth();
    const dir = path.join(outdir, 'assembly-Oss-prod');
    const templates = readdirSync(dir)
      .filter((f) => f.endsWith('.template.json'))
      .map((f) => path.join(dir, f));
    expect(templates).toHaveLength(82);
    // On PATH, or where pyenv installs it on these machines (a non-login shell lacks its shims).
    const shim = path.join(process.env.HOME ?? '/root', '.pyenv/shims/cfn-lint');
    const lint = async (region: string, files: string[]) => {
      try {
        const r = await run(
          existsSync(shim) ? shim : 'cfn-lint',
          ['--regions', region, '--format', 'parseable', '--', ...files],
          { maxBuffer: 64 * 1024 * 1024 },
        );
        return r.stdout;
      } catch (error) {
        // cfn-lint exits non-zero whenever it reports anything; its findings are on stdout.
        const e = error as { stdout?: string; stderr?: string; code?: number | string };
        if (e.code === 'ENOENT') throw new Error('cfn-lint is not installed (pip install cfn-lint==1.51.*)');
        if (!e.stdout?.trim()) throw new Error(`cfn-lint failed: ${e.stderr}`);
        return e.stdout;
      }
    };
    // The edge stack (CloudFront's web ACL and Lambda@Edge) is linted for us-east-1, where it deploys.
    const isEdge = (f: string) => /OssprodEdge/.test(path.basename(f));
    const output =
      (await lint(
        'ap-southeast-7',
        templates.filter((f) => !isEdge(f)),
      )) + (await lint('us-east-1', templates.filter(isEdge)));
    const findings = output.split('\n').filter((l) => l.trim().length > 0);
    const rules = findings.map((l) => l.split(':')[5] ?? l);
    const unexpected = findings.filter((_, i) => !ACCEPTED_WARNINGS[rules[i] ?? '']);
    expect(unexpected).toEqual([]);
    console.log(`cfn-lint: ${templates.length} templates, 0 errors, ${findings.length} accepted warnings`);
  }, 600_000);
});
