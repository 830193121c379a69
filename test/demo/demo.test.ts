/**
 * The demo landlord: deterministic (same households and seed, same data, whatever the clock says),
 * realistic enough for retention, the gate and rights requests to have work to do, and written
 * through the gate with an intact audit chain.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import { generateChunk } from '../../src/demo/generate.ts';
import { PURPOSES } from '../../src/demo/plan.ts';
import { DemoError, generateDemo, type DemoSummary } from '../../src/demo/run.ts';
import { loadManifest } from '../../src/manifest/validate.ts';
import { readDocument } from '../../src/records/documents.ts';
import { readPersonFile } from '../../src/records/records.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';

const manifest = loadManifest(new URL('../../examples/demo-landlord.yaml', import.meta.url).pathname, {
  today: '2026-11-23',
});
const controllerId = manifest.controller.id;
const OPTIONS = { households: 30, seed: 7, asOf: '2026-11-23' };

const dbs: TestDb[] = [];
async function freshStore(): Promise<Store> {
  const t = await openTestDb();
  dbs.push(t);
  return testStore(t.db, manifest);
}
afterAll(async () => {
  for (const t of dbs) await t.close();
});

const system = (purpose: string): Call => ({
  actor: { id: 'test-reader', kind: 'system', controllerId, roles: [] },
  purpose,
  channel: 'system',
});

/** Everything the store holds, decrypted through the gate, under every purpose the demo uses. */
async function contents(store: Store) {
  const people = await store.db.query<{ id: string; subject_types: string[] }>(
    'select id, subject_types from people order by id',
  );
  const files = [];
  for (const p of people) {
    for (const purpose of PURPOSES) {
      const file = await readPersonFile(store, system(purpose), p.id).catch(() => null);
      files.push({
        ...p,
        purpose,
        profile: file?.profile,
        records: file?.records.map((r) => ({ id: r.id, type: r.recordType, fields: r.fields })),
      });
    }
  }
  const clear = {
    members: await store.db.query(
      'select household_id, person_id, relationship, started_on, ended_on from household_members order by 1, 2, 4',
    ),
    tenancies: await store.db.query('select * from tenancies order by id'),
    records: await store.db.query(
      'select id, person_id, record_type, patch, team, assigned_to, occurred_at, closed_at, ended_at from records order by id',
    ),
    mentions: await store.db.query('select record_id, person_id, part from mentions order by 1, 2, 3'),
    documents: await store.db.query(
      'select id, person_id, record_id, kind, media_type, size_bytes from documents order by id',
    ),
  };
  return { files, clear };
}

describe(`the demo landlord (${ENGINE})`, () => {
  let store: Store;
  let summary: DemoSummary;

  beforeAll(async () => {
    store = await freshStore();
    summary = await generateDemo(store, OPTIONS);
  });

  it('plans the same data for the same households and seed, whatever the clock says', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
      const a = JSON.stringify(generateChunk(OPTIONS, 0));
      vi.setSystemTime(new Date('2001-06-15T12:34:56Z'));
      const b = JSON.stringify(generateChunk(OPTIONS, 0));
      expect(b).toBe(a);
      expect(JSON.stringify(generateChunk({ ...OPTIONS, seed: 8 }, 0))).not.toBe(a);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes the same people and records, decrypted, when generated again into another store', async () => {
    const again = await freshStore();
    await generateDemo(again, OPTIONS);
    const [first, second] = [await contents(store), await contents(again)];
    expect(first.files.filter((f) => f.profile?.givenName).length).toBeGreaterThan(30);
    expect(first.files.flatMap((f) => f.records ?? []).length).toBeGreaterThan(300);
    expect(second).toEqual(first);
  });

  it('counts what it wrote, and refuses to write a second demo into the same store', async () => {
    expect(summary).toMatchObject({ households: 30, total: 30 });
    const [people] = await store.db.query<{ n: number }>('select count(*)::int as n from people');
    const [records] = await store.db.query<{ n: number }>('select count(*)::int as n from records');
    expect(summary.people).toBe(people!.n);
    expect(summary.records).toBe(records!.n);
    await expect(generateDemo(store, { ...OPTIONS, seed: 99 })).rejects.toBeInstanceOf(DemoError);
    // The way out suits the engine: a new folder for PGlite, a new database on a server.
    await expect(generateDemo(store, { ...OPTIONS, seed: 99 })).rejects.toThrow(
      ENGINE === 'server'
        ? 'point DATABASE_URL at a new, empty database'
        : 'set CUSTOS_DATA_DIR to a new folder',
    );
  });

  it('has joint tenants, children, former members and ended tenancies', async () => {
    const relationships = await store.db.query<{ relationship: string; n: number; ended: number }>(
      'select relationship, count(*)::int as n, count(ended_on)::int as ended from household_members group by 1',
    );
    const by = Object.fromEntries(relationships.map((r) => [r.relationship, r]));
    expect(by['joint-tenant']?.n).toBeGreaterThanOrEqual(2);
    expect(by['child']?.n).toBeGreaterThan(0);
    const [former] = await store.db.query<{ n: number }>(
      `select count(*)::int as n from household_members m join tenancies t on t.household_id = m.household_id
        where m.ended_on is not null and t.ended_on is null`,
    );
    expect(former!.n).toBeGreaterThan(0);
    const [ended] = await store.db.query<{ n: number; years: number }>(
      `select count(*)::int as n, count(distinct extract(year from ended_on))::int as years
         from tenancies where ended_on is not null`,
    );
    expect(ended!.n).toBeGreaterThan(3);
    expect(ended!.years).toBeGreaterThan(2);
  });

  it('has unsuccessful applications with the date they were declined', async () => {
    const applicants = await store.db.query<{ id: string }>(
      "select id from people where subject_types = '{applicant}' order by id",
    );
    const outcomes = [];
    for (const a of applicants) {
      const file = await readPersonFile(store, system('lettings'), a.id);
      outcomes.push(...file.records.filter((r) => r.recordType === 'application').map((r) => r.fields));
    }
    const declined = outcomes.filter((o) => o.outcome === 'declined');
    expect(declined.length).toBeGreaterThan(0);
    for (const d of declined) expect(d.decidedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('names people of one household in the anti-social behaviour records of another', async () => {
    const across = await store.db.query<{ part: string }>(
      `select distinct m.part from records r
         join mentions m on m.record_id = r.id
         join household_members subject on subject.person_id = r.person_id
         join household_members named on named.person_id = m.person_id
        where r.record_type in ('asb-case', 'asb-statement') and subject.household_id <> named.household_id`,
    );
    expect(across.map((r) => r.part)).toContain('alleged-perpetrator');
  });

  it('holds special category records, and contractor jobs both open and closed', async () => {
    const special = new Set(manifest.categories.filter((c) => c.kind === 'special').map((c) => c.id));
    const types = manifest.recordTypes
      .filter((t) => t.fields.some((f) => special.has(f.category)))
      .map((t) => t.id);
    const held = await store.db.query<{ record_type: string }>(
      'select distinct record_type from records where record_type = any($1::text[])',
      [types],
    );
    expect(held.map((r) => r.record_type)).toEqual(
      expect.arrayContaining(['equality-monitoring', 'support-needs']),
    );
    const [jobs] = await store.db.query<{ open: number; closed: number }>(
      `select count(*) filter (where closed_at is null)::int as open, count(closed_at)::int as closed
         from records where record_type = 'repair' and assigned_to like 'contractor-%'`,
    );
    expect(jobs!.closed).toBeGreaterThan(0);
    expect(jobs!.open).toBeGreaterThan(0);
  });

  it('attaches real media documents to CCTV clips and call recordings, readable through the gate', async () => {
    const docs = await store.db.query<{ id: string; kind: string; media_type: string; record_type: string }>(
      `select d.id, d.kind, d.media_type, r.record_type from documents d join records r on r.id = d.record_id
        order by d.id`,
    );
    expect(summary.documents).toBe(docs.length);
    expect(new Set(docs.map((d) => `${d.record_type}:${d.kind}:${d.media_type}`))).toEqual(
      new Set(['cctv-clip:cctv-clip:image/png', 'call-recording:call-recording:audio/wav']),
    );
    const still = docs.find((d) => d.kind === 'cctv-clip')!;
    const recording = docs.find((d) => d.kind === 'call-recording')!;
    const png = await readDocument(store, system('cctv'), still.id);
    expect(png.content.subarray(1, 4).toString('ascii')).toBe('PNG');
    const wav = await readDocument(store, system('cctv'), recording.id);
    expect(wav.content.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(wav.content.subarray(8, 12).toString('ascii')).toBe('WAVE');
    const [audited] = await store.db.query<{ n: number }>(
      "select count(*)::int as n from audit_events where action = 'document.create' and actor = 'custos-demo'",
    );
    expect(audited!.n).toBeGreaterThan(0);
  });

  it('keeps every identifier synthetic', async () => {
    const people = await store.db.query<{ id: string }>('select id from people');
    for (const p of people) {
      const file = await readPersonFile(store, system('tenancy-management'), p.id).catch(() => null);
      const profile = file?.profile ?? {};
      if (profile.phone) expect(profile.phone).toMatch(/^07700 900\d{3}$/);
      if (profile.email) expect(profile.email).toMatch(/@example\.(invalid|org)$/);
      if (profile.niNumber) expect(profile.niNumber).toMatch(/^QQ\d{6}[A-D]$/);
    }
  });

  it('audits every write in an intact chain', async () => {
    const report = await verifyChain(store.db);
    expect(report.ok).toBe(true);
    const [writes] = await store.db.query<{ n: number }>(
      "select count(*)::int as n from audit_events where actor = 'custos-demo' and outcome = 'allowed'",
    );
    expect(writes!.n).toBeGreaterThan(0);
  });
});
