/**
 * Re-importing the same export (a nightly job): with `system:` and record keys in the mapping,
 * what is unchanged is left alone, what changed is reported as a conflict at its line and not
 * written, a bad row still stops everything, and a record retention disposed of is not brought back.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles, MappingError } from '../../src/import/import.ts';
import { formatImportProblem } from '../../src/import/problems.ts';
import { erase } from '../../src/records/disposal.ts';
import type { Store } from '../../src/records/store.ts';
import { ENGINE, type TestDb } from '../support/db.ts';
import { controllerId, counts, EXAMPLES, files, openImportStore, UNKEYED_MAPPING } from './helpers.ts';

let t: TestDb;
let store: Store;
beforeEach(async () => ({ t, store } = await openImportStore()));
afterEach(async () => t?.close());

const TENANTS = readFileSync(`${EXAMPLES}tenants.csv`, 'utf8');
const CONTACTS = `contact_id,customer_ref,contact_date,method,notes
CL-1,BV100001,03/04/2024 09:15,PH,Asked about the rent statement
CL-2,BV100004,12/11/2025 14:30,VI,Home visit
CL-3,BV100002,01/12/2025 16:05,EM,Reported a change of email address
`;

/** The example mapping (keyed by contact_id), naming a test system, for the CSV contacts only. */
const KEYED = readFileSync(`${EXAMPLES}mapping.yaml`, 'utf8')
  .replace(/^system: .*$/m, 'system: test-hms')
  .replace(/\n {2}- match: contacts\*\.jsonl[\s\S]*$/, '\n');

function exportOf(contacts = CONTACTS, tenants = TENANTS) {
  return files({ 'mapping.yaml': KEYED, 'tenants.csv': tenants, 'contacts.csv': contacts });
}

async function run(f: Record<string, string>, dryRun = false) {
  return importFiles(store, {
    mappingFile: f['mapping.yaml']!,
    files: [f['tenants.csv']!, f['contacts.csv']!],
    dryRun,
  });
}

async function storeCounts() {
  const [keys] = await t.db.query<{ n: number }>('select count(*)::int as n from import_keys');
  return { ...(await counts(store)), import_keys: keys!.n };
}

const printed = (ps: Parameters<typeof formatImportProblem>[0][]) =>
  ps.map((p) => formatImportProblem({ ...p, file: p.file.replace(/^.*\//, '') }));

describe(`re-importing an export (${ENGINE})`, () => {
  it('changes nothing when the same export is imported twice', async () => {
    expect(KEYED).toContain('key: contact_id');
    const first = await run(exportOf());
    expect(first.problems).toEqual([]);
    expect(first).toMatchObject({ written: true, people: 4, households: 2, tenancies: 2, records: 3 });
    const after = await storeCounts();
    expect(after).toMatchObject({ people: 4, records: 3, households: 2, tenancies: 2, import_keys: 11 });

    const again = await run(exportOf());
    expect(again.problems).toEqual([]);
    expect(again.conflicts).toEqual([]);
    expect(again).toMatchObject({
      written: true,
      people: 0,
      households: 0,
      tenancies: 0,
      records: 0,
      unchanged: { people: 4, households: 2, tenancies: 2, records: 3 },
      disposed: 0,
    });
    expect(await storeCounts()).toEqual(after);
  });

  it('adds new rows, and reports a changed row as a conflict at its line without writing it', async () => {
    await run(exportOf());
    const changed = CONTACTS.replace('Home visit', 'Home visit rescheduled').concat(
      'CL-4,BV100002,02/12/2025 10:00,PH,Asked about a repair\n',
    );
    const tenants = TENANTS.replace('Dee,Sample', 'Dee,Sampson');
    const summary = await run(exportOf(changed, tenants));
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({ written: true, people: 0, records: 1 });
    expect(summary.unchanged).toEqual({ people: 3, households: 2, tenancies: 2, records: 2 });
    expect(printed(summary.conflicts)).toEqual([
      'tenants.csv:5 person differs from what was imported from test-hms under the same key; import does not change what is already in the store',
      'contacts.csv:3 contact-log.key (column "contact_id") differs from what was imported from test-hms under the same key; import does not change what is already in the store',
    ]);
    expect(await storeCounts()).toMatchObject({ people: 4, records: 4, import_keys: 12 });
    // The changed values are nowhere in what is reported.
    expect(JSON.stringify(summary)).not.toMatch(/Sampson|rescheduled/);
  });

  it('creates a new member of a household imported before, and reports the household as a conflict', async () => {
    await run(exportOf());
    const tenants = TENANTS.concat(
      'BV100005,,Eve,Sample,01/01/2012,,,,HM,H0002,"7 Orchard Close, Brookvale",BV2 3BB,990000000002,south,CH,12/09/2013,T0002,Assured,12/09/2011\n',
    );
    const summary = await run(exportOf(CONTACTS, tenants));
    expect(summary.problems).toEqual([]);
    expect(summary).toMatchObject({ written: true, people: 1, households: 0, tenancies: 0 });
    // Eve is a child, not a party: the tenancy itself is unchanged.
    expect(summary.unchanged).toEqual({ people: 4, households: 1, tenancies: 2, records: 3 });
    expect(printed(summary.conflicts)).toEqual([
      'tenants.csv:5 household.key (column "household_ref") differs from what was imported from test-hms under the same key; import does not change what is already in the store',
    ]);
    expect(await storeCounts()).toMatchObject({ people: 5, households: 2, household_members: 4 });
    // Imported again, Eve is matched like everyone else.
    const again = await run(exportOf(CONTACTS, tenants));
    expect(again).toMatchObject({ people: 0, unchanged: { people: 5 } });
  });

  it('still refuses a person already in the store who was not imported from this system', async () => {
    await importFiles(store, {
      mappingFile: UNKEYED_MAPPING,
      files: [files({ 'tenants.csv': TENANTS })['tenants.csv']!],
    });
    const summary = await run(exportOf());
    expect(summary.written).toBe(false);
    expect(summary.problems.map((p) => p.reason)).toEqual(
      Array(4).fill('is already the customer reference of a person in the store'),
    );
  });

  it('writes nothing, not even new keys, when a re-imported file has a bad row', async () => {
    await run(exportOf());
    const before = await storeCounts();
    const bad = CONTACTS.concat(
      'CL-4,BV100002,02/12/2025 10:00,PH,A new contact\n',
      'CL-5,BV100001,31/02/2025 10:00,PH,An impossible date\n',
    );
    const summary = await run(exportOf(bad));
    expect(summary.written).toBe(false);
    expect(printed(summary.problems)).toEqual([
      'contacts.csv:6 contact-log.occurredAt (column "contact_date") is not a real date (read as DD/MM/YYYY HH:mm)',
    ]);
    expect(await storeCounts()).toEqual(before);
  });

  it('refuses a record id repeated in the import', async () => {
    const summary = await run(exportOf(CONTACTS.concat('CL-1,BV100002,02/12/2025 10:00,PH,Again\n')));
    expect(summary.problems).toHaveLength(1);
    expect(printed(summary.problems)[0]).toMatch(
      /^contacts\.csv:5 contact-log\.key \(column "contact_id"\) /,
    );
    expect(summary.problems[0]!.reason).toMatch(/^repeats the record id of .*contacts\.csv:2$/);
    expect(await storeCounts()).toMatchObject({ people: 0, records: 0, import_keys: 0 });
  });

  it('writes no keys on a dry run', async () => {
    const summary = await run(exportOf(), true);
    expect(summary).toMatchObject({ written: false, people: 4, records: 3 });
    expect(await storeCounts()).toMatchObject({ people: 0, import_keys: 0 });
  });

  it('does not bring back a record that retention disposed of', async () => {
    await run(exportOf());
    const [gone] = await t.db.query<{ target_id: string }>(
      "select target_id from import_keys where kind = 'contact-log' and source_key = 'CL-2'",
    );
    await t.db.transaction((tx) => erase(tx, controllerId, [{ id: gone!.target_id }], store.now()));
    const [key] = await t.db.query<{ target_id: string | null; disposed: boolean }>(
      "select target_id, disposed_at is not null as disposed from import_keys where source_key = 'CL-2'",
    );
    expect(key).toEqual({ target_id: null, disposed: true });
    const summary = await run(exportOf());
    expect(summary).toMatchObject({ written: true, records: 0, disposed: 1 });
    expect(summary.unchanged.records).toBe(2);
    expect(await storeCounts()).toMatchObject({ records: 2 });
  });
});

describe('the mapping for re-imports', () => {
  const mappingError = (text: string) => {
    const f = files({ 'mapping.yaml': text, 'contacts.csv': CONTACTS });
    return importFiles(store, { mappingFile: f['mapping.yaml']!, files: [f['contacts.csv']!] }).then(
      () => [],
      (e: unknown) => {
        if (!(e instanceof MappingError)) throw e;
        return e.problems.map((p) => `${p.line} ${p.rule} ${p.message}`);
      },
    );
  };

  it('needs system: when a record has key:, and key: on every record when system: is named', async () => {
    expect(await mappingError(KEYED.replace('system: test-hms\n', ''))).toEqual([
      expect.stringMatching(/^\d+ mapping\/system system: is required when a record has key:/),
    ]);
    expect(await mappingError(KEYED.replace('        key: contact_id\n', ''))).toEqual([
      expect.stringMatching(
        /^\d+ mapping\/key key: is required \(the column with the record's id in test-hms\)/,
      ),
    ]);
  });

  it('names the system field when its value is not a plain name', async () => {
    const problems = await mappingError(KEYED.replace('system: test-hms', 'system: "Test HMS!"'));
    expect(problems.join('\n')).toMatch(/system.*must be lower-case letters, digits and hyphens/);
  });
});
