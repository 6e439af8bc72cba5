import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Debian's chromium driven by Playwright (its own browser download cannot run here), with the
 * flags a closed network needs. CHROMIUM_PATH overrides where it is.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../test-results/screenshots',
);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

/** A fresh browser profile (cookies, storage) at a viewport; script errors on its pages are collected. */
export async function newContext(browser: Browser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
  const errors: string[] = [];
  context.on('weberror', (e) => errors.push(e.error().message));
  return { context, errors };
}

export interface AuditResult {
  readonly violations: { id: string; impact?: string | null; help: string; targets: string[] }[];
  readonly screenshot: string;
}

/** axe (WCAG 2.0–2.2 A and AA) on the page as it stands, and a full-page screenshot kept as an artifact. */
export async function audit(page: Page, name: string): Promise<AuditResult> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const screenshot = path.join(SCREENSHOTS, `${name}-${width}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return {
    screenshot,
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })),
  };
}

/** Presses Tab until the focused element matches `selector` (keyboard-only use). */
export async function tabTo(page: Page, selector: string, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    const there = await page.evaluate(
      (s) => (globalThis as unknown as PageDom).document.activeElement?.matches(s) ?? false,
      selector,
    );
    if (there) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

export type { Browser, BrowserContext, Page };

/** The page's DOM as these tests read it inside `page.evaluate` (the project's types carry no DOM library). */
export type PageDom = {
  document: {
    activeElement: {
      id: string;
      matches(selector: string): boolean;
      hasAttribute(name: string): boolean;
    } | null;
  };
};
