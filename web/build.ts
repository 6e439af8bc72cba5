import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import * as sass from 'sass';
import { allServices } from '../shared/data/services.ts';
import { dictionaryGaps, type Lang } from './i18n/index.ts';
import { pages } from './pages/index.ts';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(webDir, '..');
export const SITE_DIR = path.join(webDir, 'dist');

/** Browser entries: one script per kind of page (web/scripts/<name>.ts), built once per language. */
export const ENTRIES = [
  'session',
  'finder',
  'apply',
  'request',
  'requests',
  'stats',
  'officer-sign-in',
  'officer-inbox',
  'officer-case',
  'officer-counter',
  'officer-dashboard',
] as const;
const LANGS: readonly Lang[] = ['th', 'en'];
const FONTS = ['thai-400', 'thai-700', 'latin-400', 'latin-700'];

const hashOf = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex').slice(0, 10);

/** Resolves `oss-dict` to one language's dictionary, so a page downloads only its own language. */
const dictionaryPlugin = (lang: Lang): esbuild.Plugin => ({
  name: 'oss-dict',
  setup(build) {
    build.onResolve({ filter: /^oss-dict$/ }, () => ({ path: path.join(webDir, 'i18n', `${lang}.ts`) }));
  },
});

/**
 * Builds the static site into web/dist: the stylesheet (GOV.UK Frontend + ours, compiled by Sass),
 * Sarabun, one script per page kind and language (esbuild), and every page in Thai and English.
 * Asset names carry their content hash, so they can be cached for ever; pages cannot.
 */
export async function buildSite(outDir = SITE_DIR): Promise<{ outDir: string; files: string[] }> {
  const gaps = dictionaryGaps();
  if (gaps.length > 0) throw new Error(`dictionary keys missing in one language: ${gaps.join(', ')}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, 'assets', 'fonts'), { recursive: true });
  const files: string[] = [];
  const write = (rel: string, data: string | Uint8Array) => {
    const file = path.join(outDir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
    files.push(rel);
  };

  const css = sass.compile(path.join(webDir, 'styles', 'main.scss'), {
    loadPaths: [path.join(root, 'node_modules', 'govuk-frontend', 'dist')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin'],
  }).css;
  const cssPath = `assets/app.${hashOf(css)}.css`;
  write(cssPath, css);
  for (const font of FONTS) {
    const rel = `assets/fonts/sarabun-${font}-normal.woff2`;
    copyFileSync(
      path.join(root, 'node_modules', '@fontsource', 'sarabun', 'files', `sarabun-${font}-normal.woff2`),
      path.join(outDir, rel),
    );
    files.push(rel);
  }

  const names = JSON.stringify(
    Object.fromEntries(allServices().map((s) => [s.code, { th: s.nameTh, en: s.nameEn }])),
  );
  const namesPath = `assets/service-names.${hashOf(names)}.json`;
  write(namesPath, names);

  const scripts: Record<Lang, Record<string, string>> = { th: {}, en: {} };
  for (const lang of LANGS) {
    const result = await esbuild.build({
      entryPoints: Object.fromEntries(ENTRIES.map((e) => [e, path.join(webDir, 'scripts', `${e}.ts`)])),
      bundle: true,
      format: 'esm',
      target: 'es2022',
      platform: 'browser',
      minify: true,
      write: false,
      charset: 'utf8',
      legalComments: 'none',
      outdir: path.join(outDir, 'assets', 'js'),
      entryNames: `[name].${lang}.[hash]`,
      metafile: true,
      plugins: [dictionaryPlugin(lang)],
    });
    for (const out of result.outputFiles) {
      const rel = path.relative(outDir, out.path).split(path.sep).join('/');
      write(rel, out.contents);
    }
    for (const [out, meta] of Object.entries(result.metafile.outputs)) {
      const entry = meta.entryPoint ? path.basename(meta.entryPoint, '.ts') : undefined;
      if (entry)
        scripts[lang][entry] = `/${path.relative(outDir, path.resolve(out)).split(path.sep).join('/')}`;
    }
  }

  for (const lang of LANGS) {
    for (const page of pages(lang, {
      css: `/${cssPath}`,
      serviceNames: `/${namesPath}`,
      scripts: scripts[lang],
    })) {
      write(page.file, page.html);
    }
  }
  write('build-info.json', `${JSON.stringify({ files: files.sort() }, null, 2)}\n`);
  return { outDir, files };
}

/** The newest modification among the site's sources, to rebuild only when something changed. */
export function sourceStamp(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSortedSafe(dir)) {
      if (name === 'dist') continue;
      const full = path.join(dir, name);
      const text = tryRead(full);
      if (text === undefined) walk(full);
      else h.update(full).update(text);
    }
  };
  walk(webDir);
  h.update(readFileSync(path.join(root, 'shared', 'data', 'services.json')));
  return h.digest('hex');
}

function readdirSortedSafe(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
function tryRead(file: string): Buffer | undefined {
  return statSync(file).isFile() ? readFileSync(file) : undefined;
}

/** Builds the site unless web/dist was built from exactly these sources. */
export async function ensureSite(outDir = SITE_DIR): Promise<string> {
  const stamp = sourceStamp();
  const stampFile = path.join(outDir, '.source-stamp');
  let current: string | undefined;
  try {
    current = readFileSync(stampFile, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== stamp) {
    await buildSite(outDir);
    writeFileSync(stampFile, stamp);
  }
  return outDir;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  // `tsx web/build.ts [outDir]`: CDK's asset bundling passes its output folder.
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : SITE_DIR;
  const { files } = await buildSite(outDir);
  writeFileSync(path.join(outDir, '.source-stamp'), sourceStamp());
  console.log(`site built in ${Date.now() - started} ms: ${files.length} files in ${outDir}`);
}
