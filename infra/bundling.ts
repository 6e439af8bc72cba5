import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, buildSync, type Metafile } from 'esbuild';

/** Absolute, as esbuild resolves an alias from its working directory, which CDK chooses. */
const LAZY_CRYPTO_SHIM = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'bundle-shims',
  'lazy-crypto.cjs',
);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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
  define: { 'import.meta.url': '__bundleUrl', OSS_SIDE_FILES: 'true' },
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

/**
 * Modules few requests need, kept out of the function bundles and shipped beside them as files of
 * their own, loaded when first needed (`shared/side-files.ts`). Lazily run code in a
 * bundle still costs its cold start: V8 reads every byte of the script it compiles. The bill
 * renderers (qrcode, promptparse, bahttext) were 37 KB of intake's 174 KB (and of open311's 180),
 * 1.6–2.2 ms of intake's module load (lower quartile, alternating samples). A function bundle names the file
 * it loads (`OSS_SIDE_FILES` is defined in it), so a bundle gets the files it names, no others.
 */
export const SIDE_FILES = [
  { file: 'bill-render.cjs', entry: 'shared/domain/bill-render.ts' },
  // The Thai texts of errors (11 KB): only a request answered with an error reads them.
  { file: 'errors-th.cjs', entry: 'shared/domain/errors-th.ts' },
  // Powertools' Metrics (11 KB), built on the first metric recorded (shared/observability.ts).
  { file: 'powertools-metrics.cjs', entry: 'shared/powertools-metrics.ts' },
] as const;
type SideFile = (typeof SIDE_FILES)[number];

let sideFileDir: string | undefined;
const builtSideFiles = new Map<string, string>();

/** A side file built with the functions' own options, once per process; its path. */
export function sideFile(side: SideFile): string {
  let built = builtSideFiles.get(side.file);
  if (!built) {
    if (!sideFileDir) {
      const dir = mkdtempSync(path.join(tmpdir(), 'oss-side-files-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      sideFileDir = dir;
    }
    built = path.join(sideFileDir, side.file);
    buildSync(esbuildOptionsFor(path.join(projectRoot, side.entry), built));
    builtSideFiles.set(side.file, built);
  }
  return built;
}

/** The side files a built bundle loads (it names them). */
const sideFilesNamedIn = (bundleText: string): SideFile[] =>
  SIDE_FILES.filter((side) => bundleText.includes(side.file));

/** Puts beside a bundle built with `esbuildOptionsFor` the side files it loads. */
function writeSideFiles(bundleFile: string): string[] {
  const named = sideFilesNamedIn(readFileSync(bundleFile, 'utf8'));
  for (const side of named) copyFileSync(sideFile(side), path.join(path.dirname(bundleFile), side.file));
  return named.map((side) => side.file);
}

/**
 * An entry built as CDK deploys a function, for those that build it themselves (the bench, tests):
 * the bundle, the data files beside it (`BUNDLE.dataFiles` unless given) and the side files it
 * loads. Returns esbuild's metafile and the side files put beside it.
 */
export async function buildAsDeployed(
  entry: string,
  outfile: string,
  dataFiles: readonly string[] = BUNDLE.dataFiles,
): Promise<{ metafile: Metafile; sideFiles: string[] }> {
  const { metafile } = await build({ ...esbuildOptionsFor(entry, outfile), metafile: true });
  for (const f of dataFiles)
    copyFileSync(path.join(projectRoot, f), path.join(path.dirname(outfile), path.basename(f)));
  return { metafile, sideFiles: writeSideFiles(outfile) };
}
