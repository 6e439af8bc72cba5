import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../shared/openapi.ts';

const root = path.resolve(import.meta.dirname, '../..');
const documents = ['README.md', ...readdirSync(path.join(root, 'docs')).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith('.md'),
);

/** Markdown links and code-quoted repository paths (`docs/x.md`, `infra/config.ts`) a reader may follow. */
function referencedFiles(file: string, text: string): string[] {
  const dir = path.dirname(path.join(root, file));
  const out: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
    if (target && !/^[a-z]+:/i.test(target)) out.push(path.resolve(dir, target));
  }
  for (const [, target] of text.matchAll(
    /`((?:docs|infra|shared|functions|test)\/[\w./-]+\.(?:md|ts|json|mjs))`/g,
  )) {
    if (target) out.push(path.join(root, target));
  }
  return out;
}

describe('the documentation stands alone', () => {
  it('links only to files that exist in the repository', () => {
    const missing: string[] = [];
    for (const file of documents) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const target of referencedFiles(file, text)) {
        if (!existsSync(target)) missing.push(`${file} → ${path.relative(root, target)}`);
      }
    }
    expect(missing).toEqual([]);
    expect(documents).toContain('docs/http-api.md');
  });

  it('never sends a reader to the design brief outside the repository', () => {
    for (const file of documents) {
      expect(readFileSync(path.join(root, file), 'utf8'), file).not.toMatch(/DESIGN\.md/);
    }
    expect(JSON.stringify(openApiDocument())).not.toMatch(/DESIGN\.md/);
    expect(JSON.stringify(openApiDocument())).toContain('docs/http-api.md');
  });

  it('catches a broken link (the check itself can fail)', () => {
    const found = referencedFiles('README.md', 'see [x](docs/nope.md) and `infra/nope.ts`');
    expect(found.filter((f) => !existsSync(f))).toHaveLength(2);
  });
});
