import { createRequire } from 'node:module';

/** Defined (true) in function bundles, whose side files lie beside them (infra/bundling.ts, SIDE_FILES). */
declare const OSS_SIDE_FILES: boolean | undefined;

/**
 * A module few requests need, loaded when first needed. In a function bundle it is a file of its
 * own beside the bundle (infra/bundling.ts says why), named here by `sideFile`; from the sources,
 * the module at `source`. The source is a URL worked out at run time, not written in an `import()`,
 * so esbuild leaves the module out of the bundle instead of inlining it.
 */
export async function loadSideModule<T>(sideFile: string, source: URL): Promise<T> {
  if (typeof OSS_SIDE_FILES !== 'undefined') return createRequire(import.meta.url)(`./${sideFile}`) as T;
  return (await import(source.href)) as T;
}

/**
 * As `loadSideModule`, at once, for a module its callers cannot wait for: from the sources,
 * `sourcePackage` as Node's require loads it (its CommonJS build).
 */
export function requireSideModule<T>(sideFile: string, sourcePackage: string): T {
  const load = createRequire(import.meta.url);
  return load(typeof OSS_SIDE_FILES !== 'undefined' ? `./${sideFile}` : sourcePackage) as T;
}
