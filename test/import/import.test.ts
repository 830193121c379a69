/**
 * `importFiles` against a real store on the test engine (PGlite, or PostgreSQL with DATABASE_URL):
 * the example export goes in whole and reads back through the gate; bad rows are each reported at
 * their line and nothing is written; JSON and JSON Lines sources; large imports in chunks.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportOptions } from '../../src/import/import.ts';
import { formatImportProblem } from '../../src/import/problems.ts';
import { findPeople } from '../../src/records/find-people.ts';
import { readPersonFile } from '../../src/records/records.ts';
import type { Store } from '../../src/records/store.ts';
import { SqlKeyVault } from '../../src/store/key-vault.ts';
import { openVaultDatabase } from '../../src/store/open.ts';
import { ENGINE, type TestDb } from '../support/db.ts';
import {
  controllerId,
  counts,
  EXAMPLES,
  files,
  openImportStore,
  system,
  TENANT_HEADER,
  UNKEYED_MAPPING,
} from './helpers.ts';

let t: TestDb;
let store: Store;
beforeAll(async () => ({ t, store } = await openImportStore()));
afterAll(async () => t?.close());

const mapping = UNKEYED_MAPPING;
const run = (fs: string[], more: Partial<ImportOptions> = {}) =>
  importFiles(store, { mappingFile: mapping, files: fs, ...more });
const personByRef = async (ref: string) => {
  const ids = await findPeople(store, system, controllerId, 'customer-ref', ref);
  expect(ids).toHaveLength(1);
  return readPersonFile(store, system, ids[0]!);
};
/** The problems as the CLI prints them, with the temp folder taken off the file names. */
const printed = (ps: Parameters<typeof formatImportProblem>[0][]) =>
  ps.map((p) => formatImportProblem({ ...p, file: p.file.replace(/^.*\//, '') }));

describe(`custos import (${ENGINE})`, () => {
  it('imports people, households, tenancies and records from good CSV files', async () => {
    const summary = await run([`${EXAMPLES}tenants.csv`, `${EXAMPLES}contacts.csv`]);
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({
      written: true,
      rows: 7,
      batches: 1,
      people: 4,
      households: 2,
      tenancies: 2,
      records: 3,
    });
    const ada = await personByRef('BV100001');
    expect(ada.profile).toMatchObject({
      givenName: 'Ada',
      familyName: 'Example',
      dateOfBirth: '1984-03-14',
      customerRef: 'BV100001',
      phone: '07700 900101',
      address: 'Flat 2, 14 Mill Lane, Brookvale',
    });
    // 03/04/2024 09:15 is 3 April, in British Summer Time.
    expect(ada.records.map((r) => r.fields)).toEqual([
      {
        channel: 'phone',
        summary: 'Asked about the rent statement',
        occurredAt: '2024-04-03T09:15:00+01:00',
      },
    ]);
    const dee = await personByRef('BV100004');
    expect(dee.records[0]!.fields).toMatchObject({
      channel: 'visit',
      summary: 'Home visit.\nTenant asked for a grab rail in the bathroom.',
      occurredAt: '2025-11-12T14:30:00+00:00',
    });
    const [home] = await t.db.query<{ members: number; parties: number; kind: string }>(
      `select (select count(*)::int from household_members m where m.household_id = h.id) as members,
              (select count(*)::int from tenancy_parties p where p.tenancy_id = te.id) as parties, te.kind
         from households h join tenancies te on te.household_id = h.id
         join household_members hm on hm.household_id = h.id where hm.person_id = $1`,
      [ada.personId],
    );
    // Two joint tenants and a child in the household; the tenancy's parties are the tenants.
    expect(home).toEqual({ members: 3, parties: 2, kind: 'assured-shorthold' });
  });

  it('links records to people already in the store, from JSON and JSON Lines', async () => {
    const json = files({
      'contacts.json': `[
  {
    "customer_ref": "bv100002",
    "contact_date": "05/01/2026 10:00",
    "method": "PH",
    "notes": "Called about parking"
  },
  { "customer_ref": "BV100004", "contact_date": "06/01/2026 11:00", "method": "LT", "notes": "Letter" }
]`,
      'mapping.yaml': readFileSync(mapping, 'utf8').replace(
        'match: contacts*.csv\n    format: csv',
        'match: contacts*.json\n    format: json',
      ),
    });
    const summary = await importFiles(store, {
      mappingFile: json['mapping.yaml']!,
      files: [json['contacts.json']!, `${EXAMPLES}contacts.jsonl`],
    });
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({ written: true, people: 0, records: 4 });
    const bo = await personByRef('BV100002');
    expect(bo.records.map((r) => r.fields.summary)).toContain('Called about parking');
    const cy = await personByRef('BV100003');
    expect(cy.records[0]!.fields).toMatchObject({ channel: 'letter', occurredAt: '2026-01-05T10:00:00Z' });
  });

  it('reports every bad row at its line, even after a multi-line field, and writes nothing', async () => {
    const f = files({
      'tenants.csv': [
        TENANT_HEADER,
        'BV300001,Ms,Eve,Testcase,31/02/1990,,07700 900301,,T,H3001,"Flat 1,',
        '2 Quay Street",BV3 1AA,,north,ST,01/05/2021,T3001,Secure,01/05/2021',
        'BV300002,Mr,Fen,,01/01/1970,,,,T,H3002,"3 Quay Street",BV3 1AB,,north,ST,01/05/2021,T3002,Secure,01/05/2021',
        'BV300003,Mr,Gus,Testcase,01/01/1970,,,,X,H3003,"4 Quay Street",BV3 1AC,,north,ST,2021-05-01,T3003,Secure,01/05/2021',
        'BV300001,Ms,Hal,Testcase,01/01/1970,,,,T,H3004,"5 Quay Street",BV3 1AD,,north,ST,01/05/2021,T3004,Secure,01/05/2021',
        'BV100001,Ms,Ida,Testcase,01/01/1970,,,,T,H3005,"6 Quay Street",BV3 1AE,,north,ST,01/05/2021,T3005,Secure,01/05/2021',
        'BV300006,Ms,Jo,Testcase,01/01/1970,,,,T,H3006,"7 Quay Street",BV3 1AF,,north,ST,01/05/2021,T3006,Secure,01/05/2021',
      ].join('\n'),
      'contacts.csv': [
        'customer_ref,contact_date,method,notes',
        'BV300006,13/01/2026 09:00,FX,"A note',
        'over two lines"',
        'BV399999,13/01/2026 09:00,PH,Nobody',
        'BV300006,,PH,No date',
        'BV300006,01/13/2026 09:00,PH,US date',
      ].join('\n'),
    });
    const before = await counts(store);
    const summary = await run([f['tenants.csv']!, f['contacts.csv']!]);
    expect(summary.written).toBe(false);
    expect(printed(summary.problems)).toEqual([
      'tenants.csv:2 person.dateOfBirth (column "dob") is not a real date (read as DD/MM/YYYY)',
      'tenants.csv:4 person.familyName (column "surname") is required',
      'tenants.csv:5 household.startedOn (column "moved_in") must be a date written DD/MM/YYYY',
      'tenants.csv:5 person.subjectTypes (column "person_type") is not one of the codes the mapping lists (T, HM)',
      `tenants.csv:6 person.customerRef (column "customer_ref") repeats the customer reference of ${f['tenants.csv']}:2`,
      'tenants.csv:7 person.customerRef (column "customer_ref") is already the customer reference of a person in the store',
      'contacts.csv:2 contact-log.channel (column "method") is not one of the codes the mapping lists (PH, EM, LT, VI, PO)',
      'contacts.csv:4 contact-log.person (column "customer_ref") is a customer reference of no person in this import or the store',
      'contacts.csv:5 contact-log.occurredAt (column "contact_date") is required',
      'contacts.csv:6 contact-log.occurredAt (column "contact_date") is not a real date (read as DD/MM/YYYY HH:mm)',
    ]);
    expect(await counts(store)).toEqual(before);
  });

  it('never prints the values it refuses', async () => {
    const f = files({
      'contacts.csv': 'customer_ref,contact_date,method,notes\nBV100001,32/01/2026 09:00,QQ123456Z,x\n',
    });
    const summary = await run([f['contacts.csv']!]);
    const text = printed(summary.problems).join('\n');
    expect(summary.problems).toHaveLength(2);
    expect(text).not.toMatch(/32\/01|QQ123456Z|BV100001/);
  });

  it('checks everything on a dry run and writes nothing, not even data keys', async () => {
    const f = files({
      'tenants.csv': `${TENANT_HEADER}\nBV400001,,Kit,Testcase,01/01/1970,,,,T,H4001,"8 Quay Street",BV3 1AG,,north,ST,01/05/2021,T4001,Secure,01/05/2021\n`,
    });
    const before = await counts(store);
    const summary = await run([f['tenants.csv']!], { dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, written: false, people: 1, households: 1, problems: [] });
    expect(await counts(store)).toEqual(before);
    expect(await findPeople(store, system, controllerId, 'customer-ref', 'BV400001')).toEqual([]);
  });

  it('builds households from people already in the store, and makes records only when asked', async () => {
    const f = files({
      'm.yaml': `mapping: 1
purpose: tenancy-management
sources:
  - format: json
    households:
      key: home.ref
      person: who
      property: { address: home.address, postcode: home.postcode }
      relationship: { column: rel, values: { L: lodger, J: joint-tenant } }
      startedOn: { column: from, date: D/M/YYYY }
    tenancies:
      kind: { value: licence }
      startedOn: { column: from, date: D/M/YYYY }
      party: { column: signs, values: { Y: true, N: false } }
    records:
      - recordType: contact-log
        person: who
        when: note
        fields:
          summary: note
          occurredAt: { column: from, date: D/M/YYYY }
`,
      'homes.json': JSON.stringify([
        {
          who: 'BV100001',
          rel: 'J',
          from: '1/6/2026',
          signs: 'Y',
          home: { ref: 'X1', address: '1 New Row', postcode: 'BV7 1AA' },
        },
        {
          who: 'BV100002',
          rel: 'L',
          from: '1/6/2026',
          signs: 'N',
          note: 'Moved in as a lodger',
          home: { ref: 'X1', address: '1 New Row', postcode: 'BV7 1AA' },
        },
      ]),
    });
    const summary = await importFiles(store, { mappingFile: f['m.yaml']!, files: [f['homes.json']!] });
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({ written: true, people: 0, households: 1, tenancies: 1, records: 1 });
    const bo = await personByRef('BV100002');
    expect(bo.records.map((r) => r.fields)).toContainEqual({
      summary: 'Moved in as a lodger',
      occurredAt: '2026-06-01T00:00:00+01:00',
    });
    const [tenancy] = await t.db.query<{ parties: number; kind: string }>(
      `select te.kind, (select count(*)::int from tenancy_parties p where p.tenancy_id = te.id) as parties
         from tenancies te join properties pr on pr.id = te.property_id where pr.address = '1 New Row'`,
    );
    expect(tenancy).toEqual({ kind: 'licence', parties: 1 });
  });

  it('creates no keys in a key vault of its own on a dry run', async () => {
    const vaultDb = await openVaultDatabase({ keysDir: 'memory://' });
    const withVault: Store = { ...store, vault: new SqlKeyVault(vaultDb, store.keys) };
    const keys = async () =>
      (await vaultDb.query<{ n: number }>('select count(*)::int as n from vault_person_keys'))[0]!.n;
    const f = files({
      'tenants.csv': `${TENANT_HEADER}\nBV410001,,Lou,Testcase,01/01/1970,,,,T,H4101,"9 Quay Street",BV3 1AH,,north,ST,01/05/2021,T4101,Secure,01/05/2021\n`,
    });
    try {
      const dry = await importFiles(withVault, {
        mappingFile: mapping,
        files: [f['tenants.csv']!],
        dryRun: true,
      });
      expect(dry.problems).toEqual([]);
      expect(await keys()).toBe(0);
      const real = await importFiles(withVault, { mappingFile: mapping, files: [f['tenants.csv']!] });
      expect(real.written).toBe(true);
      expect(await keys()).toBe(1);
    } finally {
      await vaultDb.close();
    }
  });

  it('writes a large import in chunks inside one transaction, all or nothing', async () => {
    const row = (i: number, surname = 'Chunked') =>
      `BV5${String(i).padStart(5, '0')},,P${i},${surname},01/01/1970,,,,T,H5${i},"${i} Long Road",BV5 1AA,,north,ST,01/05/2021,T5${i},Secure,01/05/2021`;
    const rows = Array.from({ length: 7 }, (_, i) => row(i));
    const contacts = Array.from(
      { length: 7 },
      (_, i) => `BV5${String(i).padStart(5, '0')},01/02/2026 10:00,PH,Call ${i}`,
    );
    const chunked = { singleBatchRows: 3, chunkRows: 3 };
    const bad = files({
      'tenants.csv': [TENANT_HEADER, ...rows.slice(0, 6), row(6, '')].join('\n'),
      'contacts.csv': ['customer_ref,contact_date,method,notes', ...contacts].join('\n'),
    });
    const before = await counts(store);
    const refused = await run([bad['tenants.csv']!, bad['contacts.csv']!], chunked);
    // The person in the third chunk is refused by writeBatch; their contact, in a later chunk, is not reported twice.
    expect(printed(refused.problems)).toEqual([
      'tenants.csv:8 person.familyName (column "surname") is required',
    ]);
    expect(refused.batches).toBeGreaterThan(2);
    expect(await counts(store)).toEqual(before);
    const good = files({
      'tenants.csv': [TENANT_HEADER, ...rows].join('\n'),
      'contacts.csv': ['customer_ref,contact_date,method,notes', ...contacts].join('\n'),
    });
    const summary = await run([good['tenants.csv']!, good['contacts.csv']!], chunked);
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({ written: true, people: 7, records: 7 });
    expect(summary.batches).toBeGreaterThan(2);
    const last = await personByRef('BV500006');
    expect(last.records.map((r) => r.fields.summary)).toEqual(['Call 6']);
  });
});
