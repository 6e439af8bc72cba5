import { createRequire } from 'node:module';

/**
 * What bundled code imports from `node:http` (only @middy/util's `STATUS_CODES`), read through
 * `require`. An ESM `import … from 'node:http'` makes Node build the module's ESM facade, which
 * touches every lazy export and so loads its bundled undici: about 20 ms of module load in every
 * middy function, measured here. `require` does not. A bundle importing anything else from
 * `node:http` fails to build (no such export), so this cannot hide a missing function.
 */
const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');

export const STATUS_CODES = http.STATUS_CODES;
