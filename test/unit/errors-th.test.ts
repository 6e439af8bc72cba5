import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES_TH } from '../../shared/domain/errors-th.ts';

const root = path.resolve(import.meta.dirname, '../..');
const sources = (dir: string): string[] =>
  readdirSync(path.join(root, dir)).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(path.join(root, p)).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

describe('Thai text for every error', () => {
  it('has a Thai message for every error code the source can answer with', () => {
    const codes = new Set<string>();
    const patterns = [
      /new AppError\(\s*\d{3},\s*'([A-Z][A-Z0-9_]+)'/g,
      /errorBody\(\s*'([A-Z][A-Z0-9_]+)'/g,
      /errorReply\(\s*res,\s*\d{3},\s*'([A-Z][A-Z0-9_]+)'/g,
      /\[ResponseType\.[A-Z_0-9]+,\s*'\d{3}',\s*'([A-Z][A-Z0-9_]+)'/g,
    ];
    for (const file of [...sources('shared'), ...sources('functions'), ...sources('infra')]) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const re of patterns) for (const m of text.matchAll(re)) if (m[1]) codes.add(m[1]);
    }
    expect(codes.size).toBeGreaterThan(15);
    const missing = [...codes].filter((c) => !ERROR_MESSAGES_TH[c]);
    expect(missing).toEqual([]);
  });
});
