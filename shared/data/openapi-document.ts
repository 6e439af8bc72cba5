import { readFileSync } from 'node:fs';

/**
 * The OpenAPI document as the catalogue function serves it: `openapi.json`, written from the
 * schemas (shared/openapi.ts) by `npm run catalogue` and checked equal to them by a test, so the
 * function neither carries zod and every schema nor builds them (it is the same document for
 * every request until the next deploy). Read from beside the bundle on first use.
 */
export const OPENAPI_FILE = 'shared/data/openapi.json';

let document: unknown;
export function publishedOpenApiDocument(): unknown {
  document ??= JSON.parse(readFileSync(new URL('./openapi.json', import.meta.url), 'utf8'));
  return document;
}
