import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THAID_PERSONAS } from '../../infra/local/thaid.ts';
import {
  audit,
  type Browser,
  DESKTOP,
  launchBrowser,
  newContext,
  type Page,
  type PageDom,
  PHONE,
  tabTo,
} from '../support/browser.ts';
import { eventually, type LocalStack, startTestStack } from '../support/local-stack.ts';

/**
 * Issue #15: the web front door in a real browser (Debian's chromium through Playwright): a
 * citizen signs in with the ThaiD stand-in, files a service with documents and a fee, pays by
 * the bank stand-in, an officer works it in the console, the citizen rates it; axe on every page
 * at phone and desktop widths; filing with the keyboard alone. Screenshots go to test-results/.
 */
let stack: LocalStack;
let dispose: () => void;
let browser: Browser;

beforeAll(async () => {
  ({ stack, dispose } = await startTestStack());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  dispose?.();
});

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const [somchai, somying] = THAID_PERSONAS;

async function expectAccessible(page: Page, name: string) {
  const { violations } = await audit(page, name);
  expect(violations, `${name} at ${page.viewportSize()?.width}px`).toEqual([]);
}

/** Signs in through the sign-in page and the stand-in's persona list, as a person would. */
async function signIn(page: Page, pid: string) {
  await page.getByRole('link', { name: 'เข้าสู่ระบบด้วย ThaiD' }).click();
  await page.locator(`a[href*="login_hint=${pid}"]`).click();
}

describe('every page is accessible (axe, WCAG 2.2 AA) at 375 px and 1280 px', () => {
  const pages = [
    ['home', '/'],
    ['home-en', '/en/'],
    ['service', '/services/house-number/'],
    ['service-en', '/en/services/commercial-registration-change/'],
    ['sign-in', '/sign-in/'],
    ['stats', '/stats/'],
    ['accessibility', '/accessibility/'],
    ['privacy', '/privacy/'],
    ['not-found', '/no-such-page/'],
    ['error', '/error/'],
    ['officer-sign-in', '/officer/'],
  ] as const;
  for (const viewport of [PHONE, DESKTOP]) {
    it(`public pages at ${viewport.width} px`, async () => {
      const { context, errors } = await newContext(browser, viewport);
      const page = await context.newPage();
      for (const [name, path] of pages) {
        const res = await page.goto(`${stack.url}${path}`, { waitUntil: 'networkidle' });
        expect(res?.status(), path).toBe(name === 'not-found' ? 404 : 200);
        await expectAccessible(page, name);
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('serves pages with the security and cache headers CloudFront sets', async () => {
    const res = await fetch(`${stack.url}/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    const css = /href="(\/assets\/app\.[0-9a-f]+\.css)"/.exec(html)?.[1];
    const asset = await fetch(`${stack.url}${css}`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // No inline script anywhere: every script is an external, hashed module.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    // The local officer sign-in refuses bad input and pages of other hosts (DNS rebinding).
    const signIn = (body: unknown, host?: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${stack.url}/local/officer-sign-in`);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(host && { host }) },
          },
          (r) => {
            r.resume();
            resolve(r.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(body));
      });
    expect(await signIn({ agencyId: '../x', officer: '' })).toBe(400);
    expect(await signIn({ agencyId: 'damrongdhama-20', officer: 'x' }, 'evil.example')).toBe(403);
    expect(await signIn({ agencyId: 'damrongdhama-20', officer: 'x' })).toBe(200);
    // Thai by default, English under /en/, each linking to the other.
    expect(html).toContain('<html lang="th"');
    expect(html).toContain('href="/en/"');
  });
});

describe('a citizen files, pays and rates; an officer works the case in the console', () => {
  it('runs end to end in the browser', async () => {
    const { context, errors } = await newContext(browser, DESKTOP);
    const page = await context.newPage();

    // Find the service by typing part of its name.
    await page.goto(`${stack.url}/`);
    await page.getByLabel('ค้นหาบริการ').fill('พาณิชย์ (เปลี่ยน');
    await expect.poll(() => page.locator('[data-finder-item]:visible').count()).toBe(1);
    await page.getByRole('link', { name: 'การจดทะเบียนพาณิชย์ (เปลี่ยนแปลงรายการ)' }).click();
    await expectAccessible(page, 'citizen-service');
    await page.getByRole('button', { name: 'เริ่มยื่นคำขอ' }).click();

    // Not signed in: the sign-in page with its privacy notice, then ThaiD, then back to the form.
    await page.waitForURL(/\/sign-in\//);
    await expect.poll(() => page.getByText('เราใช้ข้อมูลของคุณอย่างไร').isVisible()).toBe(true);
    await signIn(page, somchai?.pid ?? '');
    await page.waitForURL(/\/apply\/\?service=commercial-registration-change/);

    // One question per page; an empty answer gets an error summary that links to the field.
    await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
    const summary = page.locator('[data-error-summary]');
    await expect.poll(() => summary.isVisible()).toBe(true);
    await expect
      .poll(() =>
        page.evaluate(() =>
          (globalThis as unknown as PageDom).document.activeElement?.hasAttribute('data-error-summary'),
        ),
      )
      .toBe(true);
    await expectAccessible(page, 'citizen-apply-error');
    await summary.getByRole('link').first().click();
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as PageDom).document.activeElement?.id))
      .toBe('provinceCode');

    await page.getByLabel('คำขอนี้เกี่ยวกับจังหวัดใด').selectOption('20');
    await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
    await page.getByLabel('อำเภอหรือเขตใด').selectOption('2001');
    await expectAccessible(page, 'citizen-apply-district');
    await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
    // The catalogue's pattern is checked on the page before the API sees it.
    await page.getByLabel('เลขทะเบียนพาณิชย์').fill('12345');
    await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
    await expect
      .poll(() => page.locator('.govuk-error-message').first().textContent())
      .toContain('3200100012345');
    await page.getByLabel('เลขทะเบียนพาณิชย์').fill('3200100012345');
    await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
    await page.getByLabel('รายการที่เปลี่ยนแปลง').fill('เปลี่ยนชื่อร้านเป็น ร้านใจดีพาณิชย์');
    await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();
    await page.getByLabel('หมายเลขโทรศัพท์').fill('0812345678');
    await page.getByRole('button', { name: 'ดำเนินการต่อ' }).click();

    // Check your answers, then file.
    await expect.poll(() => page.getByRole('heading', { name: 'ตรวจสอบคำขอก่อนยื่น' }).isVisible()).toBe(true);
    expect(await page.locator('.govuk-summary-list').textContent()).toContain('3200100012345');
    await expectAccessible(page, 'citizen-check-answers');
    await page.getByRole('button', { name: 'ยื่นคำขอ' }).click();

    // Confirmation: the reference and the due date in Buddhist-era Thai.
    await page.waitForURL(/\/requests\/view\/\?id=.*&new=1/);
    const reference = (await page.locator('[data-reference]').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.locator('main').textContent()).toMatch(/25[6-7]\d/);
    await expectAccessible(page, 'citizen-confirmation');

    // Documents: upload both, watch the verifier's verdict.
    for (const type of ['id-card-copy', 'registration-certificate']) {
      const form = page.locator(`[data-upload-form="${type}"]`);
      await form
        .locator('input[type=file]')
        .setInputFiles({ name: `${type}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await form.locator('button[type=submit]').click();
      await expect
        .poll(() => page.locator(`[data-doc="${type}"] [data-doc-verdict]`).textContent(), {
          timeout: 20_000,
        })
        .toContain('ผ่านการตรวจสอบ');
    }

    // Payment: the fee's Thai QR, amount in words, then the bank pays and the page shows the receipt.
    await expect.poll(() => page.locator('.oss-payment__qr svg').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator('.oss-payment').textContent()).toContain('ยี่สิบบาทถ้วน');
    await expectAccessible(page, 'citizen-payment');
    const ref1 = (await page.locator('.oss-payment dd').nth(2).textContent())?.trim() ?? '';
    const paid = await fetch(`${stack.bank.url}/test/pay`, {
      method: 'POST',
      body: JSON.stringify({ ref1 }),
    });
    expect(paid.status).toBeLessThan(300);
    await expect.poll(() => page.locator('.oss-receipt').isVisible(), { timeout: 20_000 }).toBe(true);
    await expectAccessible(page, 'citizen-receipt');

    // The officer of the district office signs in to the console, finds the case and works it.
    const officerSide = await newContext(browser, DESKTOP);
    const console_ = await officerSide.context.newPage();
    await console_.goto(`${stack.url}/officer/inbox/`);
    await console_.waitForURL(/\/officer\/\?returnTo=/);
    await console_.getByLabel('รหัสหน่วยงาน').fill('district-2001');
    await console_.getByLabel('ชื่อเจ้าหน้าที่').fill('สมศรี รักงาน');
    await console_.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await console_.waitForURL(/\/officer\/inbox\//);
    await eventually(
      async () => {
        await console_.reload();
        await console_.waitForSelector('h1');
        return (await console_.locator(`a[href*="${reference}"]`).count()) > 0 ? true : undefined;
      },
      20_000,
      500,
    );
    await expectAccessible(console_, 'officer-inbox');
    await console_.locator(`a[href*="${reference}"]`).click();
    await expect.poll(() => console_.getByText('x-xxxx-xxxx0-70-8').isVisible()).toBe(true);
    await expectAccessible(console_, 'officer-case');
    await console_.getByLabel('รับเรื่อง').check();
    await console_.getByLabel('บันทึก', { exact: true }).fill('รับเรื่องแล้ว ตรวจเอกสารครบ');
    await console_.getByRole('button', { name: 'บันทึกการดำเนินการ' }).click();
    await expect.poll(() => console_.getByText('บันทึกแล้ว: กำลังดำเนินการ').isVisible()).toBe(true);
    await console_.getByLabel('เสร็จสิ้น').check();
    await console_.getByLabel('บันทึก', { exact: true }).fill('จดทะเบียนเปลี่ยนแปลงเรียบร้อย');
    // Published (the tick, by keyboard): this note's words go to public views; the first note's do not.
    await console_.getByLabel('เผยแพร่บันทึกนี้ต่อสาธารณะ').focus();
    await console_.keyboard.press('Space');
    expect(await console_.getByLabel('เผยแพร่บันทึกนี้ต่อสาธารณะ').isChecked()).toBe(true);
    await console_.getByRole('button', { name: 'บันทึกการดำเนินการ' }).click();
    await expect.poll(() => console_.getByText('บันทึกแล้ว: เสร็จสิ้น').isVisible()).toBe(true);
    await expectAccessible(console_, 'officer-case-completed');
    const publicView = await (await fetch(`${stack.url}/open311/v2/requests/${reference}.json`)).text();
    expect(publicView).toContain('จดทะเบียนเปลี่ยนแปลงเรียบร้อย');
    expect(publicView).not.toContain('ตรวจเอกสารครบ');

    // The officer's CSV export holds the case.
    const [download] = await Promise.all([
      console_.waitForEvent('download'),
      (async () => {
        await console_.goto(`${stack.url}/officer/inbox/`);
        await console_.getByRole('button', { name: 'ดาวน์โหลด CSV' }).click();
      })(),
    ]);
    const csv = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(csv).toString('utf8')).toContain(`${reference},commercial-registration-change`);

    // Back to the citizen: the timeline shows the officer's note; they rate the service.
    await page.reload();
    await expect.poll(() => page.getByText('จดทะเบียนเปลี่ยนแปลงเรียบร้อย').isVisible()).toBe(true);
    await page.getByLabel('4 พอใจ').check();
    await page.getByRole('button', { name: 'ส่ง' }).click();
    await expect.poll(() => page.getByText('ขอบคุณสำหรับคะแนน 4 จาก 5').first().isVisible()).toBe(true);
    await expectAccessible(page, 'citizen-rated');

    // My requests lists it; another citizen cannot open it.
    await page.goto(`${stack.url}/requests/`);
    await expect.poll(() => page.locator(`a[href*="${reference}"]`).count()).toBe(1);
    await expectAccessible(page, 'citizen-my-requests');
    const stranger = await newContext(browser, PHONE);
    const other = await stranger.context.newPage();
    await other.goto(`${stack.url}/requests/view/?id=${reference}`);
    await other.waitForURL(/\/sign-in\//);
    await signIn(other, somying?.pid ?? '');
    await other.waitForURL(/\/requests\/view\//);
    await expect.poll(() => other.getByText('ไม่พบคำขอนี้').isVisible()).toBe(true);

    expect(errors).toEqual([]);
    expect(officerSide.errors).toEqual([]);
    await Promise.all([context.close(), officerSide.context.close(), stranger.context.close()]);
  });
});

describe('keyboard only', () => {
  it('files a complaint without a mouse, at phone width', async () => {
    const { context, errors } = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${stack.url}/services/complaint/`);
    await tabTo(page, 'a.govuk-button--start');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/sign-in\//);
    await tabTo(page, '[data-thaid-login]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/login_hint|authorize|interaction|thaid/);
    await tabTo(page, `a[href*="login_hint=${somying?.pid}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/apply\//);

    // Province: a select, moved with the arrow keys.
    await tabTo(page, '#provinceCode');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    // Category: radios, chosen with Space.
    await page.waitForURL(/step=field-category/);
    await tabTo(page, 'input[type=radio]');
    await page.keyboard.press('Space');
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    // Subject: type, Enter submits.
    await page.waitForURL(/step=field-subject/);
    await tabTo(page, '#field-subject');
    await page.keyboard.type('ไฟถนนดับทั้งซอย');
    await page.keyboard.press('Enter');
    // When it happened: optional, skipped.
    await page.waitForURL(/step=field-incidentAt/);
    await tabTo(page, 'button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/step=contact/);
    await tabTo(page, '#phone');
    await page.keyboard.type('0899999999');
    await page.keyboard.press('Enter');
    await page.waitForURL(/step=check/);
    await tabTo(page, '[data-submit-form] button');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/requests\/view\/\?id=.*&new=1/);
    await expect.poll(() => page.locator('[data-reference]').count()).toBe(1);
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toMatch(
      /SUBMITTED|ROUTED/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the counter and the dashboard', () => {
  it('files for a walk-in citizen, prints a slip whose code opens the request, and shows the province', async () => {
    const { context, errors } = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await page.goto(`${stack.url}/officer/`);
    await page.getByLabel('รหัสหน่วยงาน').fill('damrongdhama-20');
    await page.getByLabel('ชื่อเจ้าหน้าที่').fill('มานี เคาน์เตอร์');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.waitForURL(/\/officer\/inbox\//);
    await page.goto(`${stack.url}/officer/counter/`);
    await page.getByLabel('บริการ').selectOption('complaint');
    await expect.poll(() => page.getByLabel('เลขประจำตัวประชาชนของผู้ยื่น').isVisible()).toBe(true);
    await expectAccessible(page, 'officer-counter');
    // A wrong check digit comes back from the API as an error summary linking to the field.
    await page.getByLabel('เลขประจำตัวประชาชนของผู้ยื่น').fill('1101700230709');
    await page.getByLabel('ชื่อ', { exact: true }).fill('ประยูร');
    await page.getByLabel('นามสกุล').fill('มาที่เคาน์เตอร์');
    await page.getByLabel('ถนน ทางเท้า').check();
    await page.getByLabel('เรื่อง', { exact: true }).fill('ท่อระบายน้ำอุดตัน');
    await page.getByRole('button', { name: 'ยื่นคำขอ' }).click();
    const summary = page.locator('[data-error-summary]');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#citizenId');
    await page.getByLabel('เลขประจำตัวประชาชนของผู้ยื่น').fill('1101700230708');
    await page.getByRole('button', { name: 'ยื่นคำขอ' }).click();
    await expect.poll(() => page.locator('[data-slip]').isVisible()).toBe(true);
    await expectAccessible(page, 'officer-counter-slip');
    const reference = (await page.locator('[data-reference]').textContent())?.trim() ?? '';
    const token = (await page.locator('[data-token]').textContent())?.trim() ?? '';
    const read = await fetch(`${stack.url}/v1/requests/${reference}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { channel?: string }).channel).toBe('counter');

    await page.goto(`${stack.url}/officer/dashboard/`);
    await expect.poll(() => page.locator('.oss-chart').isVisible()).toBe(true);
    await expectAccessible(page, 'officer-dashboard');
    expect(errors).toEqual([]);
    await context.close();
  });
});
