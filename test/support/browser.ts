/** Debian's Chromium driven by playwright-core, as every browser test in Custos uses it. */
import { chromium, type Browser, type Page } from 'playwright-core';
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
