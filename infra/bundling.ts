import { fileURLToPath } from 'node:url';

/**
 * How every function is bundled, shared by the ServiceFunction construct (CDK's esbuild
 * bundling) and the benchmark (esbuild directly), so the sizes measured are the sizes deployed.
 * The AWS SDK v3 is left to the Lambda runtime, as NodejsFunction does for Node 18 and later.
 */
export const BUNDLE = {
  target: 'node24',
  format: 'esm',
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
  // ESM bundles of CommonJS dependencies still call require(); give them one.
  banner: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);",
  /** Imports swapped at bundle time, for cold start: see infra/bundle-shims/node-http.ts. */
  alias: { 'node:http': fileURLToPath(new URL('./bundle-shims/node-http.ts', import.meta.url)) },
} as const;
