import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
/** Libraries that build tables or pull in large dependencies as they load, needed by few requests. */
const ON_DEMAND = /node_modules\/(qrcode|promptparse|bahttext|openid-client|jose|oauth4webapi)\//;

/**
 * Imports the given modules in a fresh Node process (through tsx, as `npm start` runs them) and
 * returns every on-demand library module resolved while they loaded. Node's own resolve hook sees
 * both `import` and `require`, so nothing loads unseen.
 */
function librariesLoadedBy(files: readonly string[]): string[] {
  const script = [
    "import { registerHooks } from 'node:module';",
    'const seen = new Set();',
    'registerHooks({ resolve(s, c, next) { const r = next(s, c); seen.add(r.url); return r; } });',
    `for (const f of ${JSON.stringify(files)}) await import(f);`,
    `process.stdout.write(JSON.stringify([...seen].filter((u) => ${ON_DEMAND}.test(u)).map((u) => u.replace(/.*node_modules\\//, ''))));`,
  ].join('\n');
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, AWS_REGION: 'ap-southeast-7', REQUESTS_TABLE_NAME: 't' },
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as string[];
}

describe('libraries only some requests need', () => {
  it('are not loaded when any function loads (a bill’s QR and words, the ThaiD client)', () => {
    const handlers = readdirSync(path.join(root, 'functions')).map((f) =>
      path.join(root, 'functions', f, 'handler.ts'),
    );
    expect(handlers.length).toBeGreaterThan(15);
    expect(librariesLoadedBy(handlers)).toEqual([]);
  });

  it('are loaded by the modules that use them, so the check above can see them', () => {
    const loaded = librariesLoadedBy([
      path.join(root, 'shared/domain/bill-render.ts'),
      path.join(root, 'shared/adapters/thaid-client.ts'),
    ]);
    for (const lib of ['qrcode/', 'promptparse/', 'bahttext/', 'openid-client/', 'jose/']) {
      expect(
        loaded.some((u) => u.startsWith(lib)),
        lib,
      ).toBe(true);
    }
  });
});
