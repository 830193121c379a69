/**
 * Cookie consent on the server side: the banner's configuration from the manifest (one source with
 * the notice's cookie table), Global Privacy Control, the log of choices, the stored choice, and the
 * weight of the script and stylesheet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allowedCategories,
  bannerTags,
  bannerWeights,
  clearPattern,
  cookieBannerConfig,
  cookieChoicesFor,
  durationSeconds,
  gpcFromHeaders,
  gpcJson,
  logCookieChoice,
  storedChoice,
} from '../../src/consent/cookies/index.ts';
import { loadManifest } from '../../src/manifest/validate.ts';
import { renderNotice } from '../../src/notice/render.ts';
import { InputError } from '../../src/records/errors.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, TEST_NOW } from '../support/store.ts';

const demo = demoManifest();
const example = (name: string) =>
  loadManifest(new URL(`../../examples/${name}.yaml`, import.meta.url).pathname, { today: '2026-11-23' });

describe('the banner configuration', () => {
  const config = cookieBannerConfig(demo, { cookiesUrl: '/privacy#cookies' });

  it('asks about the non-essential categories the manifest declares, in the notice’s own words', () => {
    expect(config.categories.map((c) => [c.id, c.clear])).toEqual([['analytics', ['bh_analytics']]]);
    expect(config.consentCookie).toEqual({ name: 'custos_cookie_consent', maxAgeSeconds: 31_536_000 });
    expect(config).toMatchObject({
      honourGpc: true,
      gpc: false,
      noticeVersion: '1.0',
      cookiesUrl: '/privacy#cookies',
    });
    expect(config.text).toMatchObject({
      heading: 'Cookies on Brookvale Homes',
      accept: 'Accept analytics cookies',
      reject: 'Reject analytics cookies',
    });
  });

  it('takes its cookie rows from the notice’s cookie table, so the two cannot differ', () => {
    const html = renderNotice(demo, 'html');
    expect(config.head).toEqual(['Cookie', 'Set by', 'Purpose', 'Type', 'How long']);
    for (const row of config.categories.flatMap((c) => c.rows))
      for (const cell of row) expect(html).toContain(cell);
    expect(config.categories[0]!.rows).toEqual([
      [
        'bh_analytics',
        'Brookvale Homes',
        'Counts visits and the pages used, so we can improve the website',
        'Analytics',
        '1 year',
      ],
    ]);
  });

  it('needs the essential cookie that remembers choices to be declared, so the notice lists it', () => {
    const error = (() => {
      try {
        return cookieBannerConfig(example('winchester-wmhs'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe('cookies');
    const walsall = cookieBannerConfig(example('walsall-housing-group'), { consentCookie: 'VOPECRA' });
    expect(walsall.honourGpc).toBe(false);
    expect(walsall.categories.map((c) => c.id)).toEqual(['functional', 'analytics']);
    expect(walsall.categories[1]!.clear).toContain('_utma');
  });

  it('reads cookie names and durations as a browser needs them', () => {
    expect(clearPattern('_ga_<container-id>')).toBe('_ga_*');
    expect(clearPattern('_hj*')).toBe('_hj*');
    expect(clearPattern('_ga')).toBe('_ga');
    expect(clearPattern('Traffic log cookies')).toBeNull();
    expect(durationSeconds('P1Y')).toBe(31_536_000);
    expect(durationSeconds('PT2H')).toBe(7_200);
    expect(durationSeconds('P1M2DT30M')).toBe(2_592_000 + 172_800 + 1_800);
  });

  it('puts the configuration on the page so no text in it can close the script element', () => {
    const hostile = { ...config, text: { ...config.text, heading: '</script><script>alert(1)</script>' } };
    const tags = bannerTags(hostile, { assetBase: '/static/consent/', nonce: 'n0nce' });
    expect(tags.match(/<\/script>/g)).toHaveLength(2);
    expect(tags).toContain('<script src="/static/consent/banner.js" defer nonce="n0nce"></script>');
    const json = /<script type="application\/json"[^>]*>(.*)<\/script>/.exec(tags)![1]!;
    expect(JSON.parse(json).text.heading).toBe('</script><script>alert(1)</script>');
  });

  it('weighs less gzipped than vanilla-cookieconsent 3.1.0 (10,194 + 5,319 bytes)', () => {
    const w = bannerWeights();
    expect(w.total.gzip).toBeLessThan(5_000);
    expect(w.total.gzip).toBeLessThan(10_194 + 5_319);
  });
});

describe('Global Privacy Control', () => {
  it('counts only the value "1" of Sec-GPC, and any "1" among repeats', () => {
    expect(gpcFromHeaders({ 'sec-gpc': '1' })).toBe(true);
    expect(gpcFromHeaders({ 'Sec-GPC': ' 1 ' })).toBe(true);
    expect(gpcFromHeaders({ 'sec-gpc': ['0', '1'] })).toBe(true);
    expect(gpcFromHeaders({ 'sec-gpc': '0, 1' })).toBe(true);
    expect(gpcFromHeaders({ 'sec-gpc': 'true' })).toBe(false);
    expect(gpcFromHeaders({ 'sec-gpc': '0' })).toBe(false);
    expect(gpcFromHeaders({ accept: '1' })).toBe(false);
  });

  it('publishes whether the site honours it, from the manifest', () => {
    expect(gpcJson(demo)).toEqual({ gpc: true, lastUpdate: '2026-11-01' });
    expect(gpcJson(example('walsall-housing-group')).gpc).toBe(false);
  });
});

describe('the stored choice', () => {
  const config = cookieBannerConfig(demo);
  const cookie = (value: object) =>
    `other=1; custos_cookie_consent=${encodeURIComponent(JSON.stringify(value))}; x=y`;
  const id = '0b7f6f7e-4a7d-4d55-9c7a-5a1f1a1e2b3c';

  it('allows only what the visitor allowed, and nothing before they choose', () => {
    expect(allowedCategories(undefined, config)).toEqual(new Set());
    expect(allowedCategories(cookie({ id, v: '1.0', c: { analytics: 1 }, g: 0 }), config)).toEqual(
      new Set(['analytics']),
    );
    expect(allowedCategories(cookie({ id, v: '1.0', c: { analytics: 0 }, g: 1 }), config)).toEqual(new Set());
    expect(storedChoice(cookie({ id, v: '1.0', c: { analytics: 0 }, g: 1 }), config)).toMatchObject({
      gpc: true,
    });
    expect(allowedCategories('custos_cookie_consent=%7Bnot-json', config)).toEqual(new Set());
    expect(allowedCategories(cookie({ id: 'x', c: { analytics: 1 } }), config)).toEqual(new Set());
  });
});

describe(`the log of cookie choices (${ENGINE})`, () => {
  let t: TestDb;
  const consentId = '6d1e0c43-9d7e-4b8e-8f0e-2d8c3f4a5b6c';
  const choice = {
    consentId,
    accepted: ['analytics'],
    rejected: [],
    method: 'accept-all',
    noticeVersion: '1.0',
  };
  const count = async () =>
    (await t.db.query<{ n: number }>('select count(*)::int as n from cookie_choices'))[0]!.n;

  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => t?.close());

  it('logs each choice, with GPC from the header or the browser, linked to no one', async () => {
    await logCookieChoice(t.db, demo, choice, {}, TEST_NOW);
    await logCookieChoice(
      t.db,
      demo,
      { ...choice, accepted: [], rejected: ['analytics'], method: 'gpc', gpc: false },
      { 'sec-gpc': '1' },
      new Date(TEST_NOW.getTime() + 1000),
    );
    const logged = await cookieChoicesFor(t.db, demo.controller.id, consentId);
    expect(logged.map((l) => [l.method, l.accepted, l.rejected, l.gpc, l.noticeVersion])).toEqual([
      ['accept-all', ['analytics'], [], false, '1.0'],
      ['gpc', [], ['analytics'], true, '1.0'],
    ]);
    const [columns] = await t.db.query<{ names: string[] }>(
      `select array_agg(column_name::text order by column_name) as names from information_schema.columns
        where table_name = 'cookie_choices'`,
    );
    expect(columns!.names.some((n) => /person|ip|agent/.test(n))).toBe(false);
  });

  it('refuses a choice that is incomplete, contradictory or about cookies not declared, writing nothing', async () => {
    const before = await count();
    const bad: [object, Record<string, string>, string][] = [
      [{ accepted: [] }, {}, 'accepted'],
      [{ accepted: ['marketing'] }, {}, 'accepted'],
      [{ rejected: ['analytics'] }, {}, 'rejected'],
      [{ accepted: ['analytics', 'analytics'] }, {}, 'accepted'],
      [{ method: 'reject-all' }, {}, 'accepted'],
      [{ accepted: [], rejected: ['analytics'], method: 'gpc' }, { 'sec-gpc': '0' }, 'method'],
      [{ method: 'maybe' }, {}, 'method'],
      [{ consentId: 'visitor-1' }, {}, 'consentId'],
      [{ noticeVersion: '7' }, {}, 'noticeVersion'],
      [{ gpc: 'yes' }, {}, 'gpc'],
    ];
    for (const [change, headers, field] of bad) {
      const error = await logCookieChoice(t.db, demo, { ...choice, ...change }, headers, TEST_NOW).catch(
        (e) => e,
      );
      expect(error, JSON.stringify(change)).toBeInstanceOf(InputError);
      expect((error as InputError).field, JSON.stringify(change)).toBe(field);
    }
    await expect(logCookieChoice(t.db, demo, 'accept', {}, TEST_NOW)).rejects.toMatchObject({
      field: 'body',
    });
    expect(await count()).toBe(before);
  });
});
