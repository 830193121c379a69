/**
 * `importFiles` checks people's identifiers and contact details, a home's postcode and UPRN, and
 * patches against the mapping's list, with the same rules as the store (src/records/formats.ts):
 * each bad value is reported at its line and field, nothing is written, and good values are
 * stored in their normal form.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planImport } from '../../src/import/check-mapping.ts';
import { importFiles } from '../../src/import/import.ts';
import { MappingError, parseMapping } from '../../src/import/load-mapping.ts';
import { formatImportProblem } from '../../src/import/problems.ts';
import { formatProblem } from '../../src/manifest/problems.ts';
import { findPeople } from '../../src/records/find-people.ts';
import { readPersonFile } from '../../src/records/records.ts';
import type { Store } from '../../src/records/store.ts';
import { ENGINE, type TestDb } from '../support/db.ts';
import {
  controllerId,
  counts,
  files,
  manifest,
  openImportStore,
  system,
  TENANT_HEADER,
  UNKEYED_MAPPING,
} from './helpers.ts';

let t: TestDb;
let store: Store;
beforeAll(async () => ({ t, store } = await openImportStore()));
afterAll(async () => t?.close());

const printed = (ps: Parameters<typeof formatImportProblem>[0][]) =>
  ps.map((p) => formatImportProblem({ ...p, file: p.file.replace(/^.*\//, '') }));

/** One tenant row of the example export's shape, with the given cells changed. */
function tenant(ref: string, cells: Partial<Record<string, string>> = {}): string {
  const row: Record<string, string> = {
    customer_ref: ref,
    title: '',
    forename: 'Nia',
    surname: 'Testcase',
    dob: '01/01/1980',
    ni_number: '',
    mobile: '',
    email: '',
    person_type: 'T',
    household_ref: `H-${ref}`,
    address: '"1 Test Row"',
    postcode: 'BV1 2AA',
    uprn: '',
    patch: 'north',
    relationship: 'ST',
    moved_in: '01/01/2020',
    tenancy_ref: `T-${ref}`,
    tenancy_type: 'AST',
    tenancy_start: '01/01/2020',
    ...cells,
  };
  return TENANT_HEADER.split(',')
    .map((c) => row[c])
    .join(',');
}

describe(`import: identifiers, contact details and patches (${ENGINE})`, () => {
  it('reports each bad value at its line and field, and writes nothing', async () => {
    const f = files({
      'tenants.csv': [
        TENANT_HEADER,
        tenant('BV500001', { ni_number: 'NOTNI' }),
        tenant('BV500002', { mobile: '123' }),
        tenant('BV500003', { email: 'bad-email' }),
        tenant('BV500004', { postcode: 'ZZZ' }),
        tenant('BV500005', { uprn: 'abc' }),
        tenant('BV500006', { patch: 'nowhere' }),
        tenant('BV500007'),
      ].join('\n'),
    });
    const before = await counts(store);
    const summary = await importFiles(store, { mappingFile: UNKEYED_MAPPING, files: [f['tenants.csv']!] });
    expect(summary.written).toBe(false);
    expect(printed(summary.problems)).toEqual([
      'tenants.csv:2 person.niNumber (column "ni_number") is not a National Insurance number (two letters, six digits, then A, B, C or D)',
      'tenants.csv:3 person.phone (column "mobile") is not a UK phone number (10 or 11 digits starting 0, or +44)',
      'tenants.csv:4 person.email (column "email") is not an email address',
      // The postcode is the person's and the home's: both are reported.
      'tenants.csv:5 person.postcode (column "postcode") is not a UK postcode (like BV1 2AA) or a BFPO number',
      'tenants.csv:5 property.postcode (column "postcode") is not a UK postcode (like BV1 2AA) or a BFPO number',
      'tenants.csv:6 property.uprn (column "uprn") is not a UPRN (up to 12 digits)',
      'tenants.csv:7 property.patch (column "patch") is not one of the patches the mapping lists (north, south, east, west)',
    ]);
    // Values are never printed.
    expect(printed(summary.problems).join('\n')).not.toMatch(/NOTNI|123|bad-email|ZZZ|abc|nowhere/);
    expect(await counts(store)).toEqual(before);
  });

  it('stores good variants in their normal form', async () => {
    const f = files({
      'tenants.csv': [
        TENANT_HEADER,
        tenant('BV510001', {
          ni_number: '"ab 12 34 56 c"',
          mobile: '+44 7700 900511',
          email: ' nia.testcase@example.invalid ',
          postcode: 'bv12aa',
          uprn: '990000000511',
        }),
        tenant('BV510002', { postcode: 'bfpo 801', household_ref: 'H-BFPO' }),
      ].join('\n'),
    });
    const summary = await importFiles(store, { mappingFile: UNKEYED_MAPPING, files: [f['tenants.csv']!] });
    expect(summary.problems).toEqual([]);
    const [id] = await findPeople(store, system, controllerId, 'customer-ref', 'BV510001');
    expect((await readPersonFile(store, system, id!)).profile).toMatchObject({
      niNumber: 'AB123456C',
      phone: '+44 7700 900511',
      email: 'nia.testcase@example.invalid',
      postcode: 'BV1 2AA',
    });
    const homes = await t.db.query<{ postcode: string; uprn: string | null; patch: string }>(
      "select postcode, uprn, patch from properties where address = '1 Test Row' order by postcode",
    );
    expect(homes).toEqual([
      { postcode: 'BFPO 801', uprn: null, patch: 'north' },
      { postcode: 'BV1 2AA', uprn: '990000000511', patch: 'north' },
    ]);
  });

  it('needs the mapping to list the patches when it imports a patch', () => {
    const text = readFileSync(UNKEYED_MAPPING, 'utf8').replace(/^patches: .*\n/m, '');
    const problems = () => {
      try {
        planImport(parseMapping('m.yaml', text), new Map([[controllerId, manifest]]));
        return [];
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        return error.problems.map(formatProblem);
      }
    };
    // Placed at the household's `patch:` in the mapping.
    const line = text.split('\n').findIndex((l) => /^ +patch: patch$/.test(l)) + 1;
    expect(problems()).toEqual([
      `m.yaml:${line}:16 mapping/patches patches: is required when a patch is imported (the patches staff are given, e.g. [north, south]), so a row with an unknown patch is refused`,
    ]);
  });
});
