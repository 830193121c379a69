/** Debian's Chromium driven by playwright-core, as every browser test in Custos uses it. */
import { chromium, type Browser } from 'playwright-core';

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
