/**
 * The DPO's record of processing and notice pages over a real demo store: the record shows every
 * activity the manifest declares with the controller and DPO contacts; the downloads are the
 * notice module's formats with the right type, an attachment name and content; the notice page
 * shows its version, just-in-time notices, changelog, and the material changes since the version
 * a resident last acknowledged. A housing officer is refused (403), a visitor without a session 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/manifest/schema.ts';
import { diffManifests } from '../../src/notice/diff/compare.ts';
import { Agent, signInResident, signInStaff, webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
let dpo: Agent;
let manifest: Manifest;
beforeAll(async () => {
  f = await webFixture();
  dpo = await signInStaff(f, 'dpo');
  manifest = [...f.store.manifests.values()][0]!;
});
afterAll(async () => f?.close());

/** Text as nunjucks autoescaping writes it into the page. */
const escaped = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

const PAGES = ['/staff/record-of-processing', '/staff/notice'];
const DOWNLOADS = [
  '/staff/record-of-processing/download?format=csv',
  '/staff/record-of-processing/download?format=xlsx',
  '/staff/record-of-processing/download?format=jsonld',
  '/staff/notice/download?format=pdf',
  '/staff/notice/download?format=html',
  '/staff/notice/download?format=txt',
  '/staff/notice/download?format=md',
];

describe('who may see the pages', () => {
  it('lets in the DPO, refuses a housing officer (403) and a visitor without a session (401)', async () => {
    const officer = await signInStaff(f, 'housing.north');
    for (const url of [...PAGES, ...DOWNLOADS]) {
      expect((await dpo.get(url)).statusCode, url).toBe(200);
      expect((await officer.get(url)).statusCode, url).toBe(403);
      expect((await new Agent(f.app).get(url)).statusCode, url).toBe(401);
    }
  });

  it('puts both pages in the DPO’s navigation only', async () => {
    const home = (await dpo.get('/staff')).body;
    expect(home).toContain('href="/staff/record-of-processing"');
    expect(home).toContain('href="/staff/notice"');
    const officer = await signInStaff(f, 'housing.north');
    const theirs = (await officer.get('/staff')).body;
    expect(theirs).not.toContain('href="/staff/record-of-processing"');
    expect(theirs).not.toContain('href="/staff/notice"');
  });
});

describe('the record of processing', () => {
  it('shows every activity, the controller and the DPO from the manifest', async () => {
    const page = await dpo.get('/staff/record-of-processing');
    expect(page.statusCode).toBe(200);
    for (const a of manifest.activities) {
      expect(page.body).toContain(escaped(a.name));
      expect(page.body).toContain(`id="activity-${a.id}"`);
    }
    expect(page.body).toContain(escaped(manifest.controller.name));
    if (manifest.controller.dpo?.email) expect(page.body).toContain(manifest.controller.dpo.email);
    for (const measure of manifest.notice.security) expect(page.body).toContain(escaped(measure));
    expect(page.body).toContain('<caption');
    expect(page.body).toContain('class="custos-scroll"');
  });

  it('downloads CSV, XLSX and JSON-LD as attachments of the right type', async () => {
    const csv = await dpo.get('/staff/record-of-processing/download?format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="record-of-processing-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    for (const a of manifest.activities) expect(csv.body).toContain(a.function ?? a.name);

    const xlsx = await dpo.get('/staff/record-of-processing/download?format=xlsx');
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers['content-disposition']).toMatch(/attachment; filename=".*\.xlsx"/);
    expect(xlsx.body.slice(0, 2)).toBe('PK');

    const jsonld = await dpo.get('/staff/record-of-processing/download?format=jsonld');
    expect(jsonld.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    expect(jsonld.headers['content-disposition']).toMatch(/attachment; filename=".*\.jsonld"/);
    expect(JSON.parse(jsonld.body)).toHaveProperty('@context');
  });

  it('refuses an unknown format with 400 naming the field', async () => {
    const res = await dpo.request('GET', '/staff/record-of-processing/download?format=doc', undefined, {
      accept: 'application/json',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('format');
  });
});

describe('the notice', () => {
  it('shows the version, the public page, the downloads and the just-in-time notices', async () => {
    const page = await dpo.get('/staff/notice');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(escaped(manifest.notice.version));
    expect(page.body).toContain('href="/privacy"');
    for (const a of manifest.activities.filter((x) => x.justInTime))
      expect(page.body).toContain(`href="/privacy/${a.id}"`);
    for (const c of manifest.notice.changelog) expect(page.body).toContain(escaped(c.summary));
    expect(page.body).toContain('No earlier version is kept');
  });

  it('downloads the notice as PDF, HTML, text and Markdown attachments', async () => {
    const types = { pdf: 'application/pdf', html: 'text/html', txt: 'text/plain', md: 'text/markdown' };
    for (const [format, type] of Object.entries(types)) {
      const res = await dpo.get(`/staff/notice/download?format=${format}`);
      expect(String(res.headers['content-type']).startsWith(type), format).toBe(true);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="privacy-notice-${manifest.notice.version}.${format}"`,
      );
      expect(res.body.length, format).toBeGreaterThan(100);
      if (format === 'pdf') expect(res.body.slice(0, 5)).toBe('%PDF-');
      else expect(res.body).toContain(manifest.controller.name);
    }
  });

  it('shows the material changes since the version a resident last acknowledged, and the counts', async () => {
    const resident = await signInResident(f);
    await resident.get('/portal/your-information');
    // An earlier notice: the same manifest before its last activity was added.
    const older: Manifest = {
      ...structuredClone(manifest),
      notice: { ...manifest.notice, version: '0.9' },
      activities: manifest.activities.filter((a) => a.id !== manifest.activities.at(-1)!.id),
    };
    await f.store.db.query('update web_notice_acks set notice_version = $1, manifest = $2::jsonb', [
      '0.9',
      JSON.stringify(older),
    ]);
    const expected = diffManifests(older, manifest).material.map((c) => c.summary);
    expect(expected.length).toBeGreaterThan(0);

    const page = await dpo.get('/staff/notice');
    expect(page.body).toContain('Compared with version 0.9');
    for (const summary of expected) expect(page.body).toContain(escaped(summary));
    const acks = /id="acks-caption"[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? '';
    expect(acks).toContain('0.9');
    expect(acks).toMatch(/govuk-table__cell--numeric">1</);
  });
});
