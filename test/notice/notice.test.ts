import { describe, expect, it } from 'vitest';
import { loadManifest } from '../../src/manifest/validate.ts';
import type { Manifest } from '../../src/manifest/schema.ts';
import { useFastKerning } from '../../src/notice/formats/pdf-kerning.ts';
import { buildNotice, renderJustInTime, renderNotice, renderNoticePdf } from '../../src/notice/render.ts';
import { STARTER, TODAY } from '../manifest/helpers.ts';

const starter = loadManifest(STARTER, { today: TODAY });
const clone = (): Manifest => structuredClone(starter);
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('the rendered notice', () => {
  it('has the layered Art. 13/14 sections in order, after a short summary', () => {
    const doc = buildNotice(starter);
    expect(doc.summary.length).toBeGreaterThan(2);
    expect(doc.sections.map((s) => s.title)).toEqual([
      'Who we are',
      'Whose information this notice covers',
      'What we collect and where we get it from',
      'Why we use it and our lawful basis',
      'Special category and criminal offence data',
      'Who we share it with',
      'Transfers outside the UK',
      'How long we keep it',
      'How we keep it safe',
      'Automated decisions',
      'Your rights',
      'How to use your rights',
      'Cookies',
      'Complaints and the ICO',
      'Changes to this notice',
    ]);
  });

  it('states every purpose, category, subject, source, recipient, cookie and contact in every text format', () => {
    const expected = [
      ...starter.activities.flatMap((a) => [a.name, a.purpose]),
      ...starter.categories.map((c) => c.name),
      ...starter.subjects.map((s) => s.name),
      ...starter.sources.map((s) => s.name),
      ...starter.recipients.map((r) => r.name),
      ...starter.cookies.map((c) => c.name),
      ...starter.controller.contacts.map((c) => c.value),
      starter.controller.registrations.ico!,
      starter.controller.dpo!.email!,
    ];
    for (const format of ['txt', 'md', 'html'] as const) {
      const text = squash(renderNotice(starter, format).replace(/\\/g, '').replace(/&#39;/g, "'"));
      for (const phrase of expected) expect(text, `${format}: ${phrase}`).toContain(squash(phrase));
    }
  });

  it('writes its dates as UK dates in every format, never as YYYY-MM-DD', () => {
    const m = clone();
    m.notice.effective = '2026-11-01';
    m.notice.reviewDue = '2027-12-01';
    m.notice.sections.push({
      id: 'flood',
      title: 'Flood',
      body: 'Temporary.',
      placement: 'top',
      temporary: true,
      until: '2027-01-31',
    });
    // The PDF lays out this same document, so what it says is checked here.
    const doc = buildNotice(m);
    expect(doc.byline).toContain('effective 1 November 2026, next review 1 December 2027');
    expect(doc.sections[0]!.title).toBe('Flood (temporary statement until 31 January 2027)');
    for (const format of ['txt', 'md', 'html'] as const) {
      const text = squash(renderNotice(m, format));
      expect(text, format).toContain('in effect from 1 November 2026. We will review it by 1 December 2027.');
      expect(text, format).toContain('1 December 2026'); // the changelog's date
      expect(text, format).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    }
  });

  it('lists only the rights that apply to the lawful bases relied on', () => {
    const m = clone();
    m.activities = m.activities
      .filter((a) => a.id === 'tenancy-management')
      .map((a) => ({ ...a, lawfulBases: [{ ...a.lawfulBases[0]!, basis: 'legal-obligation' as const }] }));
    const text = renderNotice(m, 'txt');
    expect(text).toContain('The right of access');
    expect(text).toContain('The right to restrict processing');
    expect(text).not.toContain('The right to erasure');
    expect(text).not.toContain('The right to data portability');
    expect(text).not.toContain('The right to object');
    expect(text).not.toContain('The right to withdraw consent');
  });

  it('says which activities a right applies to when it is not all of them', () => {
    const text = squash(renderNotice(starter, 'txt'));
    expect(text).toMatch(
      /The right to withdraw consent \(Article 7\(3\)\): .* This applies to: Newsletters and events\./,
    );
  });

  it('states the negative promises and the absence of transfers and automated decisions', () => {
    const text = renderNotice(starter, 'txt');
    expect(text).toContain('We will never sell your personal data.');
    expect(text).toContain('We do not transfer your personal data outside the UK.');
    expect(text).toContain('We do not make decisions about you by automated means alone');
  });

  it('explains a declared transfer and automated decision', () => {
    const m = clone();
    const cctv = m.activities.find((a) => a.id === 'cctv')!;
    cctv.transfers = [
      { country: 'US', safeguard: 'adequacy', detail: 'UK Extension to the EU-US Data Privacy Framework' },
    ];
    cctv.automatedDecisions = [
      {
        id: 'band',
        name: 'Banding',
        logic: 'Points for need',
        significance: 'Sets priority',
        humanReview: 'Ask a lettings officer',
        profiling: false,
      },
    ];
    const text = squash(renderNotice(m, 'txt'));
    expect(text).toContain('Country: US');
    expect(text).toContain('UK adequacy regulations');
    expect(text).toContain('Banding (CCTV and call recording)');
    expect(text).toContain('Rights about automated decision-making');
  });

  it('puts a temporary statement first and marks it as temporary', () => {
    const m = clone();
    m.notice.sections = [
      {
        id: 'covid',
        title: 'Coronavirus update',
        body: 'First para.\n\nSecond para.',
        placement: 'top',
        temporary: true,
      },
    ];
    const doc = buildNotice(m);
    expect(doc.sections[0]!.title).toBe('Coronavirus update (temporary statement)');
    expect(doc.sections[0]!.blocks).toHaveLength(2);
  });

  it('escapes what the manifest says in HTML', () => {
    const m = clone();
    m.activities[0]!.purpose = 'To <script>alert(1)</script> assess';
    const html = renderNotice(m, 'html');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('is a self-contained GOV.UK-styled page', () => {
    const html = renderNotice(starter, 'html');
    expect(html).toContain('<html lang="en-GB"');
    expect(html).toContain('govuk-summary-list');
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).not.toMatch(/url\(\/assets\/fonts/);
  });

  it('renders a PDF with the notice on more than one page', async () => {
    const pdf = await renderNoticePdf(starter);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)!.length).toBeGreaterThan(1);
    expect((await renderNoticePdf(starter)).equals(pdf)).toBe(true);
  });

  it('renders a just-in-time notice for every activity', () => {
    for (const a of starter.activities) {
      const text = squash(renderJustInTime(starter, a.id, 'txt'));
      expect(text).toContain(squash(a.purpose));
      expect(text).toContain('How long we keep it');
      expect(text).toContain(starter.controller.name);
    }
  });

  it('describes cookie consent only as the manifest declares it', () => {
    const m = clone();
    m.notice.cookieConsent = undefined;
    m.cookies.push({
      name: '_ga',
      provider: 'Google',
      purpose: 'Analytics',
      category: 'analytics',
      duration: 'P2Y',
      firstParty: false,
    });
    expect(renderNotice(m, 'txt')).not.toContain('Global Privacy Control');
    m.notice.cookieConsent = 'ask-first-and-honour-gpc';
    expect(squash(renderNotice(m, 'txt'))).toContain(
      'We treat the Global Privacy Control signal from your browser as a refusal.',
    );
  });

  it('mentions an appropriate policy document only when one is declared', () => {
    const m = clone();
    expect(renderNotice(m, 'txt')).not.toContain('appropriate policy document');
    m.notice.appropriatePolicyDocument = 'https://www.example-homes.org.uk/apd';
    expect(squash(renderNotice(m, 'txt'))).toContain(
      'Our appropriate policy document explains how we protect this information: https://www.example-homes.org.uk/apd',
    );
  });

  it('sets a notice with Welsh letters in an embedded font that has them, and others in Helvetica', async () => {
    const plain = (await renderNoticePdf(starter)).toString('latin1');
    expect(plain).toContain('/BaseFont /Helvetica');
    const m = clone();
    m.controller.name = 'Cymdeithas Tai Tŷ Gŵyr';
    const welsh = (await renderNoticePdf(m)).toString('latin1');
    expect(welsh).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(welsh).not.toContain('/BaseFont /Helvetica');
  });

  it('keeps the text notice within 88 columns, labels included, except for words longer than a line', () => {
    const long = renderNotice(starter, 'txt')
      .split('\n')
      .filter((line) => [...line].length > 88 && line.trim().includes(' '));
    expect(long).toEqual([]);
  });

  it("writes the same PDF bytes with the fast kerning lookup as with pdfkit's own", async () => {
    const fast = await renderNoticePdf(starter);
    useFastKerning(false);
    try {
      expect((await renderNoticePdf(starter)).equals(fast)).toBe(true);
    } finally {
      useFastKerning(true);
    }
  });
});
