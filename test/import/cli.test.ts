/**
 * `custos import` as a user runs it: the real bin/custos against an embedded store in a temporary
 * folder (the library tests cover both engines; the command only composes them).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, openStore } from '../../src/app/compose.ts';
import type { Call } from '../../src/records/store.ts';
import { findPeople } from '../../src/records/find-people.ts';
import { custos } from '../cli/run-cli.ts';
import { EXAMPLES, files, TENANT_HEADER } from './helpers.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'custos-import-cli-'));
const importer: Call = {
  actor: { id: 'test-import-check', kind: 'system', controllerId: 'brookvale-homes', roles: [] },
  purpose: 'tenancy-management',
  channel: 'cli',
};
const env = {
  CUSTOS_DATA_DIR: dataDir,
  DATABASE_URL: '',
  CUSTOS_MASTER_KEY: '',
  CUSTOS_KEYS_URL: '',
  CUSTOS_MANIFEST: '',
};
const examples = ['tenants.csv', 'contacts.csv', 'contacts.jsonl'].map((f) => `${EXAMPLES}${f}`);
const mapping = ['--mapping', `${EXAMPLES}mapping.yaml`];

describe('custos import', () => {
  it('checks the example export on a dry run, then imports it', async () => {
    const dry = custos(['import', ...mapping, '--dry-run', ...examples], undefined, env);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toBe(
      'checked 4 people, 2 households, 2 tenancies and 5 records from 9 rows: no problems; nothing was written (--dry-run)\n',
    );
    expect(dry.code).toBe(0);
    const real = custos(['import', ...mapping, ...examples], undefined, env);
    expect(real.stdout).toBe('imported 4 people, 2 households, 2 tenancies and 5 records from 9 rows\n');
    expect(real.code).toBe(0);
    const store = await openStore(configFromEnv({ ...process.env, ...env }), { ...process.env, ...env });
    try {
      expect(await findPeople(store, importer, 'brookvale-homes', 'customer-ref', 'BV100004')).toHaveLength(
        1,
      );
    } finally {
      await store.db.close();
    }
  });

  it('reports bad rows as FILE:LINE field reason and exits 1', () => {
    const f = files({
      'tenants.csv': `${TENANT_HEADER}\nBV600001,,Max,Testcase,12/25/1990,,,,T,H6001,"1 Dock Road",BV6 1AA,,north,ST,01/05/2021,T6001,Secure,01/05/2021\n`,
    });
    const r = custos(['import', ...mapping, f['tenants.csv']!], undefined, env);
    expect(r.stderr).toBe(
      `${f['tenants.csv']}:2 person.dateOfBirth (column "dob") is not a real date (read as DD/MM/YYYY)\n` +
        'custos: 1 problem(s); nothing was written\n',
    );
    expect(r.code).toBe(1);
  });

  it('refuses a mapping with an unknown key, suggesting the key meant', () => {
    const f = files({ 'm.yaml': 'mapping: 1\npurpose: tenancy-management\nsorces: []\n' });
    const r = custos(['import', '--mapping', f['m.yaml']!, `${EXAMPLES}tenants.csv`], undefined, env);
    expect(r.stderr).toContain(
      `${f['m.yaml']}:3:1 mapping/unknown-key sorces is not a known key (did you mean "sources"?)`,
    );
    expect(r.code).toBe(1);
    expect(custos(['import', `${EXAMPLES}tenants.csv`], undefined, env).code).toBe(2);
  });
});

describe('custos import, run again on the same export', () => {
  it('imports the example export twice, the second time writing nothing new', () => {
    const own = { ...env, CUSTOS_DATA_DIR: mkdtempSync(join(tmpdir(), 'custos-examples-twice-')) };
    const first = custos(['import', ...mapping, ...examples], undefined, own);
    expect(first.stdout).toBe('imported 4 people, 2 households, 2 tenancies and 5 records from 9 rows\n');
    expect(first.code).toBe(0);
    const again = custos(['import', ...mapping, ...examples], undefined, own);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(
      [
        'imported 0 people, 0 households, 0 tenancies and 0 records from 9 rows',
        'unchanged: 4 people, 2 households, 2 tenancies and 5 records; skipped as disposed of: 0; conflicts: 0',
        '',
      ].join('\n'),
    );
    expect(again.code).toBe(0);
  }, 240_000);

  it('prints what was left unchanged and each conflict, and exits 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-reimport-cli-'));
    const own = { ...env, CUSTOS_DATA_DIR: dir };
    const keyed = files({
      'mapping.yaml': `mapping: 1
purpose: tenancy-management
system: test-hms
sources:
  - format: csv
    records:
      - recordType: contact-log
        key: contact_id
        person: customer_ref
        fields:
          channel: { column: method, values: { PH: phone } }
          summary: notes
          occurredAt: { column: contact_date, date: DD/MM/YYYY HH:mm }
`,
      'tenants.csv': `${TENANT_HEADER}\nBV200001,,Ima,Example,01/01/1980,,,,T,H9,"1 Test Row",BV9 1ZZ,,north,ST,01/01/2020,T9,AST,01/01/2020\n`,
      'contacts.csv':
        'contact_id,customer_ref,contact_date,method,notes\nC1,BV200001,01/02/2026 10:00,PH,First call\n',
      'contacts2.csv':
        'contact_id,customer_ref,contact_date,method,notes\nC1,BV200001,01/02/2026 10:00,PH,Changed\n',
    });
    expect(custos(['import', ...mapping, keyed['tenants.csv']!], undefined, own).code).toBe(0);
    const args = ['import', '--mapping', keyed['mapping.yaml']!];
    expect(custos([...args, keyed['contacts.csv']!], undefined, own).stdout).toBe(
      'imported 0 people, 0 households, 0 tenancies and 1 records from 1 rows\n',
    );
    const again = custos([...args, keyed['contacts2.csv']!], undefined, own);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      [
        'imported 0 people, 0 households, 0 tenancies and 0 records from 1 rows',
        'unchanged: 0 people, 0 households, 0 tenancies and 0 records; skipped as disposed of: 0; conflicts: 1',
        `conflict: ${keyed['contacts2.csv']}:2 contact-log.key (column "contact_id") differs from what was imported from test-hms under the same key; import does not change what is already in the store`,
        '',
      ].join('\n'),
    );
  }, 240_000);
});
