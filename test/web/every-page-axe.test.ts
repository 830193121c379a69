/**
 * Every page the web app registers, opened in Debian's Chromium and checked by axe for WCAG 2.2 AA
 * (issue 7, point 5). The page list is the app's own (GET routes kept out of the API description),
 * so a new page is checked the moment it exists — or the test fails until its path can be filled
 * (every-page-params.ts) or it is named in NOT_REACHED with a reason. Downloads are told apart by
 * what they answer (not HTML, or an attachment) and skipped. One browser, one context per identity,
 * pages one after another.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, WCAG_22_AA } from '../support/browser.ts';
import type { Agent } from './helpers.ts';
import {
  consentFixtureWithRoutes,
  ERROR_PAGES,
  EXTRA_VISITS,
  fillPath,
  identityFor,
  NOT_REACHED,
  pageRoutes,
  REDIRECTS,
  seedWorld,
  type Identity,
  type World,
} from './every-page-params.ts';

/**
 * Violations accepted for now, by route and axe rule id: only for pages another change is editing
 * at the same time (the cookies pages); anything else is fixed in its view instead.
 */
const KNOWN_VIOLATIONS: Record<string, string[]> = {};

let world: World;
let pages: string[];
const s = browserSuite(
  async () => {
    const built = await consentFixtureWithRoutes();
    pages = pageRoutes(built.routes);
    world = await seedWorld(built.f);
    return built.f;
  },
  { timeout: 300_000 },
);
const contexts = new Map<Identity, { context: BrowserContext; page: Page }>();
const pageErrors: string[] = [];

/** The identity's own browser context, carrying the session its agent signed in with. */
async function tabFor(identity: Identity): Promise<{ context: BrowserContext; page: Page }> {
  const open = contexts.get(identity);
  if (open) return open;
  const context = await s.browser.newContext();
  const agent: Agent | undefined = identity === 'anonymous' ? undefined : world.agents[identity];
  if (agent)
    await context.addCookies([...agent.cookies].map(([name, value]) => ({ name, value, url: s.base })));
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: page error: ${e.message}`));
  const tab = { context, page };
  contexts.set(identity, tab);
  return tab;
}

/** A file rather than a page: not HTML, or HTML sent as an attachment (a certificate, a receipt). */
function isDownload(headers: Record<string, string>): boolean {
  const type = headers['content-type'] ?? '';
  return !type.startsWith('text/html') || /attachment/i.test(headers['content-disposition'] ?? '');
}

interface Visit {
  /** The route, or for an error page the path itself: names the page in messages. */
  route: string;
  path: string;
  identity: Identity;
  status: number;
  errorSummary?: boolean;
  /** Where the visit ends when it is sent on (an error page's own redirect). */
  landsOn?: string;
}

/** Open one page and run axe; returns the problems found (empty when all is well), or 'download'. */
async function visit(v: Visit): Promise<string[] | 'download'> {
  const { context, page } = await tabFor(v.identity);
  const probe = await context.request.get(s.base + v.path);
  if (probe.status() === 200 && isDownload(probe.headers())) return 'download';
  const label = `${v.route} (${v.path})`;
  const res = await page.goto(s.base + v.path);
  const problems: string[] = [];
  if (res?.status() !== v.status) problems.push(`${label}: answered ${res?.status()}, expected ${v.status}`);
  const landed = new URL(page.url()).pathname;
  const expected = v.landsOn ?? REDIRECTS[v.route] ?? new URL(s.base + v.path).pathname;
  if (landed !== expected) problems.push(`${label}: sent on to ${landed}, expected ${expected}`);
  if (v.errorSummary && (await page.locator('.govuk-error-summary').count()) !== 1)
    problems.push(`${label}: no GOV.UK error summary`);
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const known = KNOWN_VIOLATIONS[v.route] ?? [];
  for (const violation of results.violations.filter((x) => !known.includes(x.id))) {
    const targets = violation.nodes.map((n) => n.target.join(' ')).join(' | ');
    problems.push(`${label}: ${violation.id} (${violation.help}) at ${targets}`);
  }
  return problems;
}

describe('every page', () => {
  it('is either opened by this test or named in NOT_REACHED with a reason', () => {
    const unfilled = pages.filter((route) => !fillPath(route, world) && !(route in NOT_REACHED));
    expect(unfilled, 'page routes whose path cannot be filled: seed them or list them').toEqual([]);
    const named = [
      ...Object.keys(NOT_REACHED),
      ...Object.keys(REDIRECTS),
      ...EXTRA_VISITS.map((e) => e.route),
    ];
    const stale = named.filter((route) => !pages.includes(route));
    expect(stale, 'NOT_REACHED, REDIRECTS or EXTRA_VISITS name routes that are no longer pages').toEqual([]);
    expect(pages.length).toBeGreaterThan(50);
  });

  it('answers 200 and has no WCAG 2.2 AA violation for the person it is for', async () => {
    const problems: string[] = [];
    const opened: string[] = [];
    const downloads: string[] = [];
    for (const route of pages) {
      const path = route in NOT_REACHED ? undefined : fillPath(route, world);
      if (!path) continue;
      const found = await visit({ route, path, identity: identityFor(route), status: 200 });
      if (found === 'download') downloads.push(route);
      else {
        opened.push(route);
        problems.push(...found);
      }
    }
    for (const extra of EXTRA_VISITS) {
      const path = fillPath(extra.route, world)! + extra.query;
      const found = await visit({ ...extra, path, identity: identityFor(extra.route) });
      problems.push(...(found === 'download' ? [`${path}: a download`] : found));
    }
    for (const error of ERROR_PAGES) {
      const found = await visit({ ...error, route: error.path });
      problems.push(...(found === 'download' ? [`${error.path}: a download`] : found));
    }
    console.info(`opened ${opened.length} pages; downloads skipped: ${downloads.join(', ')}`);
    expect([...problems, ...pageErrors]).toEqual([]);
    expect(opened.length).toBeGreaterThan(40);
  }, 600_000);
});
