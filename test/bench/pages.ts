import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../support/browser.ts';

/** What one page costs on first load (empty cache), as CloudFront would send it (gzip). */
export interface PageWeight {
  readonly page: string;
  readonly jsGzipBytes: number;
  readonly transferGzipBytes: number;
  readonly requests: number;
  readonly lcpMs: number;
}

const PAGES = [
  '/',
  '/en/',
  '/services/commercial-registration-change/',
  '/sign-in/',
  '/stats/',
  '/apply/?service=commercial-registration-change',
  '/requests/',
  '/officer/',
] as const;

/**
 * Loads each page in headless chromium with an empty cache (signed in with the ThaiD stand-in, so
 * the citizen pages render their content), sums what it downloaded (each body gzipped, as the CDN
 * compresses text), and reads the largest contentful paint.
 */
export async function pageWeights(baseUrl: string, personaPid: string): Promise<PageWeight[]> {
  const browser = await launchBrowser();
  try {
    const signIn = await browser.newContext();
    const first = await signIn.newPage();
    await first.goto(`${baseUrl}/v1/auth/thaid/login?login_hint=${personaPid}&returnTo=/requests/`);
    const storageState = await signIn.storageState();
    await signIn.close();
    const out: PageWeight[] = [];
    for (const path of PAGES) {
      const context = await browser.newContext({ storageState, viewport: { width: 375, height: 812 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = globalThis as unknown as { __lcp: number; PerformanceObserver: typeof PerformanceObserver };
        w.__lcp = 0;
        new w.PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__lcp = Math.max(w.__lcp, e.startTime);
        }).observe({ type: 'largest-contentful-paint' as never, buffered: true });
      });
      let js = 0;
      let total = 0;
      let requests = 0;
      const pending: Promise<void>[] = [];
      page.on('response', (res) => {
        pending.push(
          res
            .body()
            .then((body) => {
              const type = res.headers()['content-type'] ?? '';
              const compressible = /text|javascript|json|svg|css/.test(type);
              const size = compressible ? gzipSync(body).length : body.length;
              requests++;
              total += size + 300; // + response headers, roughly
              if (/javascript/.test(type)) js += size;
            })
            .catch(() => undefined),
        );
      });
      await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle' });
      await Promise.all(pending);
      const lcp = await page.evaluate(() => (globalThis as unknown as { __lcp: number }).__lcp);
      out.push({ page: path, jsGzipBytes: js, transferGzipBytes: total, requests, lcpMs: Math.round(lcp) });
      await context.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}
