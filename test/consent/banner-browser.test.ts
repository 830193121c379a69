/**
 * The cookie banner in real Chromium, served from a local HTTP server as the web server will serve
 * it: no cookie before a choice, accept and reject set the right cookies, GPC (the header and
 * navigator.globalPrivacyControl) refuses by default with no banner, every choice reaches the log,
 * the keyboard works, and axe finds nothing wrong. The consent receipt page is checked with axe too.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bannerAsset,
  bannerTags,
  COOKIE_SETTINGS_PLACEHOLDER,
  cookieBannerConfig,
  cookieChoicesFor,
  gpcFromHeaders,
  gpcJson,
  logCookieChoice,
  type BannerFile,
} from '../../src/consent/cookies/index.ts';
import { buildReceipt } from '../../src/consent/receipt.ts';
import { receiptHtml } from '../../src/consent/receipt-render.ts';
import { launchBrowser, WCAG_22_AA } from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, TEST_NOW } from '../support/store.ts';
import { webFixture, type WebFixture } from '../web/helpers.ts';

const manifest = demoManifest();
const SCREENSHOTS = new URL('../../artefacts/screenshots/', import.meta.url).pathname;
let browser: Browser;
let server: Server;
let origin: string;
let t: TestDb;
/** The server's clock: each logged choice one second after the last, so their order is certain. */
let tick = 0;

/** A page of the landlord's website, with an analytics script that must wait for consent. */
function page(req: IncomingMessage): string {
  const config = cookieBannerConfig(manifest, { gpc: gpcFromHeaders(req.headers), cookiesUrl: '/#cookies' });
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Brookvale Homes</title>
${bannerTags(config)}
<script type="text/plain" data-custos-category="analytics">document.cookie = 'bh_analytics=visit-1; path=/; max-age=600';</script>
</head><body><main><h1>Brookvale Homes</h1><p>Homes for people in Brookvale.</p>
<section id="cookies" aria-label="Cookies">${COOKIE_SETTINGS_PLACEHOLDER}</section></main></body></html>`;
}

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

beforeAll(async () => {
  t = await openTestDb();
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = createServer(async (req, res) => {
    const send = (status: number, type: string, text: string) => {
      res.writeHead(status, { 'content-type': type });
      res.end(text);
    };
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/') return send(200, 'text/html; charset=utf-8', page(req));
    if (path === '/.well-known/gpc.json')
      return send(200, 'application/json', JSON.stringify(gpcJson(manifest)));
    const asset = /^\/assets\/consent\/(banner\.(?:js|css))$/.exec(path)?.[1] as BannerFile | undefined;
    if (asset) return send(200, bannerAsset(asset).contentType, bannerAsset(asset).body);
    if (path === '/consent/cookies' && req.method === 'POST') {
      try {
        const at = new Date(TEST_NOW.getTime() + 1000 * ++tick);
        await logCookieChoice(t.db, manifest, await body(req), req.headers, at);
        return send(204, 'text/plain', '');
      } catch {
        return send(400, 'text/plain', 'bad choice');
      }
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
});

async function visit(
  options: { gpcHeader?: boolean; gpcBrowser?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; posts: () => number }> {
  const context = await browser.newContext(options.gpcHeader ? { extraHTTPHeaders: { 'Sec-GPC': '1' } } : {});
  if (options.gpcBrowser)
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
        get: () => true,
        configurable: true,
      }),
    );
  const p = await context.newPage();
  let posts = 0;
  p.on('request', (r) => {
    if (r.method() === 'POST') posts += 1;
  });
  await p.goto(origin + '/', { waitUntil: 'load' });
  return { context, page: p, posts: () => posts };
}

async function choice(context: BrowserContext) {
  const cookies = await context.cookies();
  const stored = cookies.find((c) => c.name === 'custos_cookie_consent');
  return {
    names: cookies.map((c) => c.name).sort(),
    stored: stored
      ? (JSON.parse(decodeURIComponent(stored.value)) as { id: string; c: object; g: number })
      : null,
  };
}

async function axe(p: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: p }).withTags(WCAG_22_AA).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help}`);
}

/** Wait for the choice to be logged (the banner posts it without waiting). */
async function logged(consentId: string, n: number) {
  for (let i = 0; i < 100; i++) {
    const rows = await cookieChoicesFor(t.db, manifest.controller.id, consentId);
    if (rows.length >= n) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return cookieChoicesFor(t.db, manifest.controller.id, consentId);
}

describe('the cookie banner in Chromium', () => {
  it('sets no cookie and sends nothing before a choice, shows the banner, and has no accessibility violations', async () => {
    const { context, page: p, posts } = await visit();
    const banner = p.getByRole('region', { name: 'Cookies on Brookvale Homes' });
    await expect(
      banner.getByRole('heading', { name: 'Cookies on Brookvale Homes' }).isVisible(),
    ).resolves.toBe(true);
    expect((await choice(context)).names).toEqual([]);
    expect(posts()).toBe(0);
    expect(await axe(p)).toEqual([]);
    await p.screenshot({ path: SCREENSHOTS + 'cookie-banner.png' });
    await context.close();
  });

  it('accepts with the keyboard: the consent cookie, the analytics script, focus on the confirmation, and a log entry', async () => {
    const { context, page: p } = await visit();
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Accept analytics cookies');
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.cookie.includes('bh_analytics'));
    const { names, stored } = await choice(context);
    expect(names).toEqual(['bh_analytics', 'custos_cookie_consent']);
    expect(stored).toMatchObject({ c: { analytics: 1 }, g: 0 });
    expect(await p.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await expect(p.getByText('You’ve accepted analytics cookies.').isVisible()).resolves.toBe(true);
    expect(await axe(p)).toEqual([]);
    await p.getByRole('button', { name: 'Hide cookie message' }).click();
    await expect(p.getByRole('region', { name: 'Cookies on Brookvale Homes' }).isHidden()).resolves.toBe(
      true,
    );
    const rows = await logged(stored!.id, 1);
    expect(rows.map((r) => [r.method, r.accepted, r.gpc])).toEqual([['accept-all', ['analytics'], false]]);

    // The next page: no banner, and the analytics script runs at once.
    await p.reload({ waitUntil: 'load' });
    await expect(p.getByRole('region', { name: 'Cookies on Brookvale Homes' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('rejects: nothing non-essential is set, and turning cookies off later deletes them', async () => {
    const { context, page: p } = await visit();
    await p.getByRole('button', { name: 'Reject analytics cookies' }).click();
    const first = await choice(context);
    expect(first.names).toEqual(['custos_cookie_consent']);
    expect(first.stored).toMatchObject({ c: { analytics: 0 } });
    await logged(first.stored!.id, 1);

    // Changing their mind on the settings form, then back again.
    await p.getByRole('group', { name: 'Do you want to allow analytics cookies?' }).getByLabel('Yes').check();
    await p.getByRole('button', { name: 'Save cookie settings' }).click();
    await p.waitForFunction(() => document.cookie.includes('bh_analytics'));
    await logged(first.stored!.id, 2);
    await p.getByRole('group', { name: 'Do you want to allow analytics cookies?' }).getByLabel('No').check();
    await p.getByRole('button', { name: 'Save cookie settings' }).click();
    expect((await choice(context)).names).toEqual(['custos_cookie_consent']);
    const rows = await logged(first.stored!.id, 3);
    expect(rows.map((r) => [r.method, r.accepted])).toEqual([
      ['reject-all', []],
      ['settings', ['analytics']],
      ['settings', []],
    ]);
    expect(await axe(p)).toEqual([]);
    await context.close();
  });

  for (const gpc of [{ gpcHeader: true, gpcBrowser: true }, { gpcHeader: true }, { gpcBrowser: true }]) {
    it(`treats Global Privacy Control as refusal, with no banner (${Object.keys(gpc).join(' and ')})`, async () => {
      const { context, page: p, posts } = await visit(gpc);
      await p.waitForFunction(() => document.cookie.includes('custos_cookie_consent'));
      await expect(p.getByRole('region', { name: 'Cookies on Brookvale Homes' }).count()).resolves.toBe(0);
      const { names, stored } = await choice(context);
      expect(names).toEqual(['custos_cookie_consent']);
      expect(stored).toMatchObject({ c: { analytics: 0 }, g: 1 });
      const rows = await logged(stored!.id, 1);
      expect(rows.map((r) => [r.method, r.accepted, r.rejected, r.gpc])).toEqual([
        ['gpc', [], ['analytics'], true],
      ]);
      // The settings say why, and still let the visitor choose.
      await expect(
        p.getByText('Your browser sends the Global Privacy Control signal').isVisible(),
      ).resolves.toBe(true);
      expect(await axe(p)).toEqual([]);
      await p.reload({ waitUntil: 'load' });
      expect(posts()).toBe(1);
      await context.close();
    });
  }

  it('serves /.well-known/gpc.json', async () => {
    const context = await browser.newContext();
    const response = await context.request.get(origin + '/.well-known/gpc.json');
    expect(await response.json()).toEqual({ gpc: true, lastUpdate: '2026-11-01' });
    await context.close();
  });
});

describe('the cookie settings with JavaScript turned off, on the web app', () => {
  let f: WebFixture;
  let base: string;
  beforeAll(async () => {
    f = await webFixture();
    base = await f.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => f?.close());

  /**
   * axe needs JavaScript, so it checks the page as the browser without it rendered it: the same
   * HTML with its scripts taken out and its <noscript> content shown, served from the same origin
   * so the stylesheets apply.
   */
  async function axeWithoutJs(p: Page): Promise<string[]> {
    const html = (await p.content())
      .replace(/<script\b[\s\S]*?<\/script>/g, '')
      .replace(/<\/?noscript>/g, '');
    const context = await browser.newContext();
    await context.route(base + '/as-rendered-without-js', (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
    );
    const copy = await context.newPage();
    await copy.goto(base + '/as-rendered-without-js');
    const violations = await axe(copy);
    await context.close();
    return violations;
  }

  it('the banner points to the cookies page, whose form sets the cookie, logs the choice and confirms it', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(base + '/');
    const banner = p.getByRole('region', { name: 'Cookies on Brookvale Homes' });
    await expect(banner.isVisible()).resolves.toBe(true);
    expect(await axeWithoutJs(p)).toEqual([]);
    await banner.getByRole('link', { name: 'Choose which cookies we use' }).click();
    await p.waitForURL('**/cookies');
    const question = p.getByRole('group', { name: 'Do you want to allow analytics cookies?' });
    await expect(question.getByLabel('No').isChecked()).resolves.toBe(true);
    await question.getByLabel('Yes').check();
    await p.getByRole('button', { name: 'Save cookie settings' }).click();
    await expect(p.getByText('You’ve set your cookie preferences.').isVisible()).resolves.toBe(true);
    await expect(p.getByRole('region', { name: 'Cookies on Brookvale Homes' }).count()).resolves.toBe(0);
    expect(await axeWithoutJs(p)).toEqual([]);
    await p.screenshot({ path: SCREENSHOTS + 'cookie-settings-no-js.png', fullPage: true });
    const { stored } = await choice(context);
    expect(stored).toMatchObject({ c: { analytics: 1 }, g: 0 });
    const rows = await cookieChoicesFor(f.store.db, manifest.controller.id, stored!.id);
    expect(rows.map((r) => [r.method, r.accepted])).toEqual([['settings', ['analytics']]]);
    // Chosen: no banner on the next page.
    await p.goto(base + '/');
    await expect(p.getByRole('region', { name: 'Cookies on Brookvale Homes' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('with GPC: no banner, and the form starts at "no" and says why', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      extraHTTPHeaders: { 'Sec-GPC': '1' },
    });
    const p = await context.newPage();
    await p.goto(base + '/');
    await expect(p.getByRole('region', { name: 'Cookies on Brookvale Homes' }).count()).resolves.toBe(0);
    await p.goto(base + '/cookies');
    await expect(p.getByText('so we have turned these cookies off').isVisible()).resolves.toBe(true);
    const question = p.getByRole('group', { name: 'Do you want to allow analytics cookies?' });
    await expect(question.getByLabel('No').isChecked()).resolves.toBe(true);
    expect(await axeWithoutJs(p)).toEqual([]);
    expect((await context.cookies()).map((c) => c.name)).not.toContain('custos_cookie_consent');
    await context.close();
  });
});

describe('the consent receipt page in Chromium', () => {
  it('has no accessibility violations', async () => {
    const at = new Date('2026-11-20T10:00:00Z');
    const receipt = buildReceipt(
      manifest,
      '11111111-2222-4333-8444-555555555555',
      [
        {
          id: '66666666-7777-4888-8999-000000000000',
          activityId: 'newsletters',
          status: 'withdrawn',
          expiresAt: null,
          createdAt: at,
          updatedAt: TEST_NOW,
          events: [
            {
              n: 1,
              state: 'given',
              at,
              noticeVersion: '1.0',
              language: 'en',
              channel: 'web-form',
              method: 'tick-box',
              explicit: false,
              expressedBy: 'representative',
              representativeId: null,
              recordedBy: 'dpo-1',
              recordedByKind: 'staff',
              expiresAt: null,
              words: {
                evidence: 'Form 12',
                note: null,
                onBehalf: { kind: 'carer', name: 'Sam Carer', authority: 'x' },
              },
            },
            {
              n: 2,
              state: 'withdrawn',
              at: TEST_NOW,
              noticeVersion: '1.0',
              language: 'en',
              channel: 'portal',
              method: 'portal-toggle',
              explicit: false,
              expressedBy: 'subject',
              representativeId: null,
              recordedBy: 'portal',
              recordedByKind: 'subject',
              expiresAt: null,
              words: null,
            },
          ],
        },
      ],
      TEST_NOW,
    );
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.setContent(receiptHtml(receipt), { waitUntil: 'load' });
    expect(await axe(p)).toEqual([]);
    await expect(p.getByText('Sam Carer (carer), for you').isVisible()).resolves.toBe(true);
    await p.screenshot({ path: SCREENSHOTS + 'consent-receipt.png', fullPage: true });
    await context.close();
  });
});
