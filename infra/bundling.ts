import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** Absolute, as esbuild resolves an alias from its working directory, which CDK chooses. */
const LAZY_CRYPTO_SHIM = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'bundle-shims',
  'lazy-crypto.cjs',
);

/**
 * How every function is bundled, shared by the ServiceFunction construct (CDK's esbuild
 * bundling) and the benchmark (esbuild directly), so the sizes measured are the sizes deployed.
 * The AWS SDK v3 is left to the Lambda runtime, as NodejsFunction does for Node 18 and later.
 *
 * CommonJS, not ESM: the runtime `require`s a CommonJS `index.js`, while an ES module goes through
 * the ESM loader (resolution, module records, linking), which cost 4–5 ms more module load for the
 * same code in every function measured (request-status, intake, catalog; `npm run bench`'s
 * method, alternating samples). Our sources stay ES modules; only the bundle's format changes.
 */
export const BUNDLE = {
  target: 'node24',
  format: 'cjs',
  minify: true,
  mainFields: ['module', 'main'],
  external: ['@aws-sdk/*'],
  // Thai text as UTF-8 (3 bytes a character), not \u escapes (6): the catalogue is mostly Thai.
  charset: 'utf8',
  /**
   * Reference data read from a file beside the bundle instead of being bundled (see
   * shared/data/districts.ts, subdistricts.ts): copied next to every function's bundle.
   */
  dataFiles: ['shared/data/districts.json', 'shared/data/services.json'],
  /**
   * `import.meta.url` (how the data modules find their files beside the bundle) has no CommonJS
   * equivalent that esbuild fills in: the banner defines it from the bundle's own file name. It
   * starts with "use strict" so that the bundle, written as ES modules (always strict), stays strict
   * (esbuild's own directive comes after the banner, too late to count).
   */
  banner: '"use strict";const __bundleUrl=require("node:url").pathToFileURL(__filename).href;',
  define: { 'import.meta.url': '__bundleUrl' },
  /** node:crypto loaded on first use, not as the bundle loads (see the shim for why). */
  alias: { 'node:crypto': LAZY_CRYPTO_SHIM, crypto: LAZY_CRYPTO_SHIM },
} as const;

/** esbuild's options for one function's bundle as CDK builds it, for those that call esbuild directly (the bench, tests). */
export function esbuildOptionsFor(entry: string, outfile: string) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: BUNDLE.target,
    format: BUNDLE.format,
    minify: BUNDLE.minify,
    mainFields: [...BUNDLE.mainFields],
    external: [...BUNDLE.external],
    banner: { js: BUNDLE.banner },
    define: { ...BUNDLE.define },
    alias: { ...BUNDLE.alias },
    charset: BUNDLE.charset,
    logLevel: 'error',
  } satisfies BuildOptions;
}
