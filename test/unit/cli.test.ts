import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const oss = (...args: string[]) =>
  spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'infra/local/cli.ts', ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, OSS_API_URL: 'http://127.0.0.1:9' },
    },
  );

describe('the oss command', () => {
  it('explains itself at every level, with examples', () => {
    for (const args of [
      ['--help'],
      ['-h'],
      [],
      ['agency', '--help'],
      ['counter', '--help'],
      ['dlq', '-h'],
      ['record', '--help'],
    ]) {
      const r = oss(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/npm run oss --/);
      expect(r.stderr).not.toMatch(/TypeError|at .*\.ts:\d+/);
    }
    expect(oss('--help').stdout).toMatch(/agency[\s\S]*counter[\s\S]*dlq/);
  });

  it('answers a bad option with a message and exit code 2, not a stack trace', () => {
    const r = oss('agency', 'inbox', '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--bogus'/);
    expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|at .*\.js:\d+/);
  });

  it('names the URL it could not reach', () => {
    const r = oss('agency', 'inbox', '--agency', 'damrongdhama-20');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\/v1\/agencies\/damrongdhama-20\/inbox/);
  });
});
