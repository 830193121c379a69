/** Debian's Chromium driven by playwright-core, as every browser test in Custos uses it. */
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { totpCode } from '../../src/web/auth/totp.ts';

export const CHROMIUM_PATH = process.env.CUSTOS_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep a headless Chromium off the (closed) network and out of the sandbox it cannot get as root. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface BrowserClock {
  now: Date;
  advance(ms: number): void;
}

/**
 * Sign a staff member in through the browser: password, then a TOTP code for the fixture's clock,
 * moved on past the last code's step first (codes are single-use).
 */
export async function signInStaff(
  page: Page,
  base: string,
  account: { username: string; password: string; totpSecret: string },
  clock: BrowserClock,
): Promise<void> {
  await page.goto(`${base}/staff/sign-in`);
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/staff/sign-in/code');
  clock.advance(30_000);
  await page.getByLabel(/Enter the code/).fill(await totpCode(account.totpSecret, clock.now));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/staff$/);
}

/** What a browser suite needs of its app fixture: an app to listen, a clock to sign in by, a close. */
export interface BrowserAppFixture {
  app: { listen(options: { port: number; host: string }): Promise<string> };
  clock: BrowserClock;
  close(): Promise<void>;
}

/** One test file's browser, app and findings, filled in by the suite's beforeAll. */
export interface BrowserSuite<F extends BrowserAppFixture> {
  f: F;
  browser: Browser;
  base: string;
  /** Console errors, page errors and axe violations, from every page the suite opened. */
  problems: string[];
  /** A page in a context of its own, its console errors and page errors gathered into problems. */
  open(options?: BrowserContextOptions): Promise<Page>;
  /** As open, then signed in as the staff account through the sign-in pages. */
  openStaff(account: StaffAccount, options?: BrowserContextOptions): Promise<Page>;
  /** axe (WCAG 2.2 AA) on the page now open, the GOV.UK JavaScript having run, and a screenshot. */
  check(page: Page, name: string): Promise<void>;
}

type StaffAccount = { username: string; password: string; totpSecret: string };

const SCREENSHOTS = new URL('../../artefacts/screenshots/', import.meta.url).pathname;

/**
 * The setup every browser test file shares: before all, build the fixture, start the app on a free
 * port and launch Chromium; after all, close both. Screenshots are named `${prefix}${name}.png`.
 */
export function browserSuite<F extends BrowserAppFixture>(
  fixture: () => Promise<F>,
  options: { screenshotPrefix?: string; timeout?: number } = {},
): BrowserSuite<F> {
  const suite = { problems: [] as string[] } as BrowserSuite<F>;
  const open = async (contextOptions: BrowserContextOptions = {}) => {
    const page = await (await suite.browser.newContext(contextOptions)).newPage();
    page.on('console', (m) => {
      // A refused form (400), a wrong turn taken on purpose (401, 403) and /favicon.ico (404) are expected.
      if (m.type() === 'error' && !/status of 40[0134]/.test(m.text()))
        suite.problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => suite.problems.push(`page error: ${e.message}`));
    return page;
  };
  Object.assign(suite, {
    open,
    async openStaff(account: StaffAccount, contextOptions?: BrowserContextOptions) {
      const page = await open(contextOptions);
      await signInStaff(page, suite.base, account, suite.f.clock);
      return page;
    },
    async check(page: Page, name: string) {
      const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      for (const v of results.violations)
        suite.problems.push(
          `${name}: ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
        );
      expect(await page.locator('body.govuk-frontend-supported').count(), `${name}: GOV.UK JS ran`).toBe(1);
      await page.screenshot({
        path: `${SCREENSHOTS}${options.screenshotPrefix ?? ''}${name}.png`,
        fullPage: true,
      });
    },
  });
  beforeAll(async () => {
    suite.f = await fixture();
    suite.base = await suite.f.app.listen({ port: 0, host: '127.0.0.1' });
    suite.browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, options.timeout);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.f?.close();
  });
  return suite;
}
