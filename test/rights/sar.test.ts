import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import { giveConsent, withdrawConsent } from '../../src/consent/ledger.ts';
import { recordDisclosure, type NewDisclosure } from '../../src/sharing/index.ts';
import { addDocument } from '../../src/records/documents.ts';
import { createPerson, readPerson } from '../../src/records/people.ts';
import { createRecord, readPersonFile } from '../../src/records/records.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import {
  assemblePack,
  csvCell,
  packCsv,
  packHtml,
  packJson,
  packPdf,
  packZip,
  type SarPack,
} from '../../src/rights/sar/index.ts';
import { pdfText } from './sar-pdf.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, testStore } from '../support/store.ts';

const manifest = demoManifest();
const controllerId = manifest.controller.id;
let t: TestDb;
let store: Store;

const system: Call = {
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose: 'tenancy-management',
  channel: 'system',
};
const sar: Call = {
  actor: { id: 'sar-desk', kind: 'system', controllerId, roles: [] },
  purpose: 'subject-access',
  channel: 'system',
};
const dpo: Call = {
  actor: { id: 'dpo-1', kind: 'staff', controllerId, roles: ['data-protection-officer'] },
  purpose: 'subject-access',
  channel: 'web',
};
const officer: Call = {
  actor: { id: 'officer-7', kind: 'staff', controllerId, roles: ['housing-officer'], patches: ['north'] },
  purpose: 'tenancy-management',
  channel: 'web',
};

// Synthetic people with unusual names, so any leak is unmistakable.
const TENANT = {
  title: 'Mr',
  givenName: 'Zebediah',
  familyName: 'Quillfeather',
  niNumber: 'QQ123456C',
  email: 'z.quillfeather@example.invalid',
  phone: '07700 900123',
  address: '1 Test Row, Brookvale',
  postcode: 'BV1 2ZZ',
};
const JOINT = { givenName: 'Philippa', familyName: 'Marchbanks', email: 'p.marchbanks@example.invalid' };
const NEIGHBOUR = { givenName: 'Ignatius', familyName: 'Thistlewood', phone: '07700 900456' };

let tenant: string;
let joint: string;
let neighbour: string;
let asbCase: string;
let contactLog: string;
let jointLog: string;
let pack: SarPack;
let consentId: string;
let shown: string;
let withheld: string;

/** A disclosure to the police about `personId`; synthetic words, so any leak is unmistakable. */
const toPolice = (personId: string, over: Partial<NewDisclosure> = {}): NewDisclosure => ({
  personId,
  basis: 'required-by-law',
  recipientId: 'police',
  recipientName: 'Brookvale Police, Safer Neighbourhoods',
  activityId: 'asb',
  categories: ['identity', 'contact'],
  reference: 'CT/2026/0101',
  reasons: 'Staff reasoning Xylophage never shown to the person',
  description: 'Name and phone number for a court order',
  approvedBy: 'dpo-1',
  disclosedOn: '2026-11-10',
  ...over,
});

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  tenant = await createPerson(store, system, { controllerId, subjectTypes: ['tenant'], profile: TENANT });
  joint = await createPerson(store, system, { controllerId, subjectTypes: ['tenant'], profile: JOINT });
  neighbour = await createPerson(store, system, {
    controllerId,
    subjectTypes: ['tenant'],
    profile: NEIGHBOUR,
  });
  const property = randomUUID();
  const household = randomUUID();
  await t.db.query(
    "insert into properties (id, controller_id, address, postcode, patch) values ($1, $2, '1 Test Row', 'BV1 2ZZ', 'north')",
    [property, controllerId],
  );
  await t.db.query('insert into households (id, controller_id, property_id) values ($1, $2, $3)', [
    household,
    controllerId,
    property,
  ]);
  for (const p of [tenant, joint]) {
    await t.db.query(
      "insert into household_members (household_id, person_id, controller_id, relationship, started_on) values ($1, $2, $3, 'joint-tenant', '2020-01-01')",
      [household, p, controllerId],
    );
  }
  contactLog = await createRecord(store, system, {
    controllerId,
    personId: tenant,
    recordType: 'contact-log',
    payload: {
      channel: 'phone',
      summary:
        'Zebediah Quillfeather asked about rent; Philippa Marchbanks was away. <script>alert("x")</script>',
      occurredAt: '2026-11-20T09:00:00Z',
    },
    patch: 'north',
  });
  await createRecord(store, system, {
    controllerId,
    personId: tenant,
    recordType: 'contact-log',
    payload: {
      channel: 'email',
      summary: '=HYPERLINK("http://evil.invalid","x")',
      occurredAt: '2026-11-21T09:00:00Z',
    },
    patch: 'north',
  });
  await createRecord(
    store,
    { ...system, purpose: 'repairs' },
    {
      controllerId,
      personId: tenant,
      recordType: 'repair',
      payload: { description: 'Leaking tap in kitchen' },
    },
  );
  // The joint tenant's own records: never in the tenant's pack.
  jointLog = await createRecord(store, system, {
    controllerId,
    personId: joint,
    recordType: 'contact-log',
    payload: {
      channel: 'phone',
      summary: 'Private matter: debt advice for Philippa',
      occurredAt: '2026-11-19T09:00:00Z',
    },
    patch: 'north',
  });
  await createRecord(
    store,
    { ...system, purpose: 'support' },
    {
      controllerId,
      personId: joint,
      recordType: 'support-needs',
      payload: { needs: 'Confidential counselling' },
    },
  );
  // An ASB case on the neighbour's file, mentioning the tenant as complainant.
  asbCase = await createRecord(
    store,
    { ...system, purpose: 'asb' },
    {
      controllerId,
      personId: neighbour,
      recordType: 'asb-case',
      payload: {
        reportedOn: '2026-11-01',
        kind: 'noise',
        narrative:
          'Mr Quillfeather reported that Ignatius Thistlewood played loud music at 2am. Mr Thistlewood can be reached on 07700 900456.',
        status: 'open',
      },
      mentions: [{ personId: tenant, part: 'complainant' }],
    },
  );
  await addDocument(store, system, {
    personId: tenant,
    kind: 'letter',
    mediaType: 'application/pdf',
    content: Buffer.from('%PDF-1.4 synthetic letter'),
  });
  // Earlier access by a housing officer: it must show in the pack as a kind and a purpose, not a name.
  await readPerson(store, officer, tenant);
  // The tenant's consents (one given then withdrawn) and the disclosures about them: one the person
  // may see, one withheld under crime and taxation. The joint tenant's must never show.
  const given = await giveConsent(store, dpo, {
    personId: tenant,
    activities: ['newsletters'],
    channel: 'letter',
    evidence: 'Signed form Quokkaform-17',
  });
  consentId = given[0]!;
  await withdrawConsent(store, dpo, { personId: tenant, activities: ['newsletters'], channel: 'phone' });
  await giveConsent(store, dpo, {
    personId: joint,
    activities: ['newsletters'],
    channel: 'letter',
    evidence: 'Signed form Marchbanks-consent',
  });
  shown = await recordDisclosure(store, dpo, toPolice(tenant));
  withheld = await recordDisclosure(
    store,
    dpo,
    toPolice(tenant, {
      basis: 'crime-and-taxation',
      reference: 'SECRET/4471',
      description: 'Tip-off Vorpalwise',
      disclosedOn: '2026-11-12',
      withholdFromSubject: true,
    }),
  );
  await recordDisclosure(store, dpo, toPolice(joint, { reference: 'JOINT/0001' }));
  pack = await assemblePack(store, sar, tenant, { today: '2026-11-23' });
}, 240_000);
afterAll(async () => t?.close());

const allText = (p: SarPack) => JSON.stringify(p);

describe(`subject access pack (${ENGINE})`, () => {
  it("holds the tenant's details and their own records", () => {
    expect(pack.personId).toBe(tenant);
    expect(pack.details.find((f) => f.name === 'familyName')?.value).toBe('Quillfeather');
    const own = pack.records.filter((r) => r.source === 'own');
    expect(own.map((r) => r.recordType).sort()).toEqual(['contact-log', 'contact-log', 'repair']);
    expect(pack.withheld).toEqual({ records: 0, mentions: 0, documents: 0 });
  });

  it('redacts the neighbour on the ASB case but not the tenant, with reasons and locations', () => {
    const asb = pack.records.find((r) => r.id === asbCase)!;
    expect(asb.source).toBe('mention');
    expect(asb.parts).toEqual(['complainant']);
    const narrative = asb.fields.find((f) => f.name === 'narrative')!.value as string;
    expect(narrative).toContain('Mr Quillfeather reported that');
    expect(narrative).not.toMatch(/Ignatius|Thistlewood|900456/);
    expect(narrative).toContain('[redacted: third party]');
    const spans = pack.redactions.filter((r) => r.recordId === asbCase);
    expect(spans.length).toBeGreaterThanOrEqual(2);
    for (const s of spans) {
      expect(s.field).toBe('narrative');
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.reason).toMatch(/Sch\. 2 para\. 16/);
    }
    expect(spans.some((s) => s.kind === 'known-person')).toBe(true);
  });

  it("never reveals the joint tenant's data", () => {
    const ids = pack.records.map((r) => r.id);
    expect(ids).not.toContain(jointLog);
    const text = allText(pack);
    for (const secret of [
      'Philippa',
      'Marchbanks',
      'p.marchbanks',
      'Private matter',
      'Confidential counselling',
    ])
      expect(text).not.toContain(secret);
    const log = pack.records.find((r) => r.id === contactLog)!;
    expect(log.fields.find((f) => f.name === 'summary')!.value).toMatch(
      /^Zebediah Quillfeather asked about rent; \[redacted: third party\] was away/,
    );
    for (const out of [packHtml(pack), packCsv(pack), packJson(pack)]) {
      expect(out).not.toContain('Marchbanks');
      expect(out).not.toContain('Thistlewood');
    }
  });

  it("gives the joint tenant their own pack, never the tenant's data", async () => {
    const theirs = await assemblePack(store, sar, joint, { today: '2026-11-23' });
    expect(theirs.records.map((r) => r.id)).toContain(jointLog);
    expect(theirs.records.map((r) => r.id)).not.toContain(contactLog);
    const text = [
      JSON.stringify(theirs),
      packHtml(theirs),
      packCsv(theirs),
      pdfText(await packPdf(theirs)),
    ].join();
    for (const secret of [
      'Zebediah',
      'Quillfeather',
      'QQ123456C',
      'asked about rent',
      'Leaking tap',
      '900123',
    ])
      expect(text).not.toContain(secret);
  });

  it('includes their consents with the history, without the sealed evidence', async () => {
    expect(pack.consents).toHaveLength(1);
    const [c] = pack.consents;
    expect(c).toMatchObject({ id: consentId, activityId: 'newsletters', status: 'withdrawn' });
    expect(c!.events.map((e) => [e.state, e.channel, e.expressedBy])).toEqual([
      ['given', 'letter', 'subject'],
      ['withdrawn', 'phone', 'subject'],
    ]);
    expect(allText(pack)).not.toContain('Quokkaform');
    const csv = packCsv(pack).split('\r\n');
    expect(csv.filter((l) => l.startsWith(`consent,${consentId},newsletters,`))).toHaveLength(2);
    const html = packHtml(pack);
    expect(html).toContain('id="consents"');
    expect(html).toContain('You have withdrawn your consent');
    const pdf = pdfText(await packPdf(pack));
    expect(pdf).toContain('Your consents (1)');
    expect(pdf).toContain('You have withdrawn your consent');
  });

  it('includes the disclosures about them, never one withheld under crime and taxation', async () => {
    expect(pack.disclosures.map((d) => d.id)).toEqual([shown]);
    expect(pack.disclosures[0]).toMatchObject({
      recipient: 'Brookvale Police, Safer Neighbourhoods',
      basis: 'required-by-law',
      reference: 'CT/2026/0101',
    });
    expect(pack.disclosures[0]!.categories).toHaveLength(2);
    const pdf = pdfText(await packPdf(pack));
    const outputs = [allText(pack), packJson(pack), packCsv(pack), packHtml(pack), pdf];
    for (const out of outputs) {
      expect(out).toContain('CT/2026/0101');
      for (const secret of [withheld, 'SECRET/4471', 'Vorpalwise', 'Xylophage', 'JOINT/0001', 'dpo-1'])
        expect(out).not.toContain(secret);
    }
    expect(packCsv(pack)).toContain(`disclosure,${shown},ad-hoc,2026-11-10,`);
    expect(packHtml(pack)).toContain('id="disclosures"');
    expect(pdf).toContain('Who we have shared your information with (1)');
    // Not even counted: a count would tell the person what the exemption keeps from them.
    expect(pack.exemptions).toEqual([]);
  });

  it('lists documents without their bytes', () => {
    expect(pack.documents).toHaveLength(1);
    expect(pack.documents[0]).toMatchObject({ kind: 'letter', mediaType: 'application/pdf' });
    expect(allText(pack)).not.toContain('synthetic letter');
  });

  it('says who accessed the file by kind and purpose, not by name', () => {
    // The housing officer's look (the DPO recording consents and disclosures are staff too).
    const staff = pack.accesses.find((a) => a.actorKind === 'staff' && a.action === 'person.read');
    expect(staff).toMatchObject({ purpose: 'tenancy-management', action: 'person.read', outcome: 'allowed' });
    expect(allText(pack)).not.toContain('officer-7');
    expect(allText(pack)).not.toContain('sar-desk');
  });

  it('gives the supplementary information for the activities in the pack', () => {
    const ids = pack.supplementary.activities.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['tenancy-management', 'repairs', 'asb']));
    expect(ids).not.toContain('website');
    const asb = pack.supplementary.activities.find((a) => a.id === 'asb')!;
    expect(asb.purpose.length).toBeGreaterThan(0);
    expect(asb.categories.length).toBeGreaterThan(0);
    expect(asb.recipients.map((r) => r.name).join()).toMatch(/police/i);
    expect(asb.retention).toBeTruthy();
    expect(asb.sources.length).toBeGreaterThan(0);
    expect(asb.rights).toContain('The right of access');
    expect(asb.lawfulBases.length).toBeGreaterThan(0);
    expect(Array.isArray(asb.automatedDecisions)).toBe(true);
    expect(Array.isArray(asb.transfers)).toBe(true);
    expect(pack.supplementary.complaint).toMatch(/Information Commissioner/);
  });

  it('escapes markup in the HTML and is self-contained', () => {
    const html = packHtml(pack);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('govuk-summary-list');
    expect(html).toContain('lang="en-GB"');
    expect(html).not.toMatch(/<link\b|src="http/);
  });

  it('writes RFC 4180 CSV, one row per field, safe from formula injection', () => {
    const csv = packCsv(pack);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    const fieldCount = pack.details.length + pack.records.reduce((n, r) => n + r.fields.length, 0);
    const consentEvents = pack.consents.reduce((n, c) => n + c.events.length, 0);
    // recipient, basis, activity, categories, reference and description of the one disclosure
    expect(lines).toHaveLength(1 + fieldCount + consentEvents + 6);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.invalid"",""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('+44')).toBe("'+44");
    expect(csvCell(3)).toBe('3');
  });

  it('zips the cover (HTML and PDF), JSON and CSV', async () => {
    const files = unzipSync(await packZip(pack));
    expect(Object.keys(files).sort()).toEqual(['cover.html', 'cover.pdf', 'data.csv', 'data.json']);
    expect(strFromU8(files['cover.pdf']!.subarray(0, 5))).toBe('%PDF-');
    expect(JSON.parse(strFromU8(files['data.json']!)).personId).toBe(tenant);
    expect(strFromU8(files['cover.html']!)).toContain('Your personal information');
    expect(strFromU8(files['data.csv']!).split('\r\n')[0]).toMatch(/^section,record_id/);
  });

  it('writes values in words on the cover and keeps them as held in data.json and data.csv', async () => {
    const log = pack.records.find((r) => r.id === contactLog)!;
    expect(log.occurredAt).toBe('2026-11-20T09:00:00Z');
    const html = packHtml(pack);
    // The record dated by when it happened, in UK time, and the tenant's part as words.
    expect(html).toContain('Contact log, 20 November 2026');
    expect(html).toContain('20 November 2026, 9:00am');
    expect(html).toContain('(you are named as a complainant)');
    expect(html).toContain('<dd class="govuk-summary-list__value">Phone</dd>');
    expect(html).not.toContain('>phone<');
    const visible = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(visible).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(visible).toContain('keep them exactly as we hold them');
    const pdf = pdfText(await packPdf(pack)).replace(/\s+/g, ' ');
    expect(pdf).toContain('you are named as a complainant');
    expect(pdf).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    const json = JSON.parse(packJson(pack)) as SarPack;
    const fields = json.records.find((r) => r.id === contactLog)!.fields;
    expect(fields.find((f) => f.name === 'occurredAt')!.value).toBe('2026-11-20T09:00:00Z');
    expect(fields.find((f) => f.name === 'channel')!.value).toBe('phone');
    expect(json.records.find((r) => r.id === asbCase)!.parts).toEqual(['complainant']);
    expect(packCsv(pack)).toContain(',occurredAt,Occurred at,2026-11-20T09:00:00Z,');
  });

  it("audits the pack's reads: the file, the mentioning record, the names and the documents", async () => {
    const events = await t.db.query<{
      action: string;
      person_id: string;
      outcome: string;
      record_ids: string[];
    }>(
      "select action, person_id, outcome, record_ids from audit_events where actor = 'sar-desk' order by seq",
    );
    const allowed = events.filter((e) => e.outcome === 'allowed');
    expect(allowed.some((e) => e.action === 'person.read' && e.person_id === tenant)).toBe(true);
    expect(allowed.some((e) => e.action === 'record.read' && e.record_ids.includes(contactLog))).toBe(true);
    expect(
      allowed.some(
        (e) => e.action === 'record.read' && e.person_id === neighbour && e.record_ids.includes(asbCase),
      ),
    ).toBe(true);
    expect(allowed.some((e) => e.action === 'person.read' && e.person_id === joint)).toBe(true);
    expect(allowed.some((e) => e.action === 'document.list' && e.person_id === tenant)).toBe(true);
    expect((await verifyChain(t.db)).ok).toBe(true);
  });

  it('gives the data protection officer the pack under subject access', async () => {
    const p = await assemblePack(store, dpo, tenant, { today: '2026-11-23' });
    expect(p.records.map((r) => r.id).sort()).toEqual(pack.records.map((r) => r.id).sort());
    expect(p.withheld).toEqual({ records: 0, mentions: 0, documents: 0 });
    expect(JSON.stringify(p)).not.toContain('Marchbanks');
  });

  it('reaches records kept to a team (support needs) only while answering the request', async () => {
    const p = await assemblePack(store, dpo, joint, { today: '2026-11-23' });
    const support = p.records.find((r) => r.recordType === 'support-needs');
    expect(JSON.stringify(support?.fields)).toContain('Confidential counselling');
    expect(p.withheld.records).toBe(0);
    // The same DPO opening the file for the same purpose, answering no request, is kept out.
    const file = await readPersonFile(store, dpo, joint);
    expect(file.records.map((r) => r.recordType)).not.toContain('support-needs');
    expect(file.withheld).toBeGreaterThan(0);
  });

  it('refuses a staff member whose roles do not serve subject access, and audits it', async () => {
    await expect(
      assemblePack(store, { ...officer, purpose: 'subject-access' }, tenant, { today: '2026-11-23' }),
    ).rejects.toBeInstanceOf(AccessDenied);
    const [denied] = await t.db.query<{ reason: string; person_id: string }>(
      "select reason, person_id from audit_events where actor = 'officer-7' and action = 'sar.assemble' and outcome = 'denied' order by seq desc limit 1",
    );
    expect(denied!.reason).toMatch(/access denied/);
  });

  it('lays out the PDF cover and index as a tagged document without third parties', async () => {
    const pdf = await packPdf(pack);
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/StructTreeRoot/);
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
    expect(raw).toMatch(/\/Marked true/);
    const text = pdfText(pdf);
    expect(text).toContain('Your personal information');
    expect(text).toContain('Dear Zebediah Quillfeather,');
    expect(text).toContain(`reference ${asbCase}`);
    expect(text).toContain('Draft for review');
    for (const secret of ['Philippa', 'Marchbanks', 'Thistlewood', 'Private matter', 'sar-desk', 'officer-7'])
      expect(text).not.toContain(secret);
    expect((await packPdf(pack)).equals(pdf)).toBe(true);
  });
});

describe(`bad input to a subject access pack (${ENGINE})`, () => {
  const denials = async () =>
    t.db.query<{ reason: string }>(
      "select reason from audit_events where action = 'sar.assemble' and outcome = 'denied' order by seq",
    );

  it('refuses an unknown person, naming the field, and audits it', async () => {
    const before = (await denials()).length;
    const error = await assemblePack(store, sar, '00000000-0000-4000-8000-000000000000', {
      today: '2026-11-23',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFound);
    expect((error as Error).message).toBe('the person (personId) was not found');
    const after = await denials();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.reason).toContain('personId');
  });

  it('refuses a malformed person id and an unparsable date, and audits both', async () => {
    const before = (await denials()).length;
    await expect(assemblePack(store, sar, 'tenant-42', { today: '2026-11-23' })).rejects.toMatchObject({
      field: 'personId',
    });
    await expect(assemblePack(store, sar, tenant, { today: '23/11/2026' })).rejects.toMatchObject({
      field: 'today',
    });
    await expect(assemblePack(store, sar, tenant, { today: '2026-02-30' })).rejects.toBeInstanceOf(
      InputError,
    );
    expect(await denials()).toHaveLength(before + 3);
  });
});
