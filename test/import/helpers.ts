/** A store on the test engine with the demo landlord's manifest, and files written to a temp folder. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '../../src/manifest/validate.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';

export const EXAMPLES = new URL('../../examples/import/', import.meta.url).pathname;
export const manifest = loadManifest(new URL('../../examples/demo-landlord.yaml', import.meta.url).pathname, {
  today: '2026-11-23',
});
export const controllerId = manifest.controller.id;

export const system: Call = {
  actor: { id: 'test', kind: 'system', controllerId, roles: [] },
  purpose: 'tenancy-management',
  channel: 'cli',
};

export async function openImportStore(): Promise<{ t: TestDb; store: Store }> {
  const t = await openTestDb();
  const store: Store = testStore(t.db, manifest);
  return { t, store };
}

/** Write files (name → content) into a fresh temporary folder; returns their paths by name. */
export function files(contents: Record<string, string | Buffer>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'custos-import-'));
  return Object.fromEntries(
    Object.entries(contents).map(([name, content]) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return [name, path];
    }),
  );
}

/** How many rows each personal-data table holds, and how many writes the audit log records. */
export async function counts(store: Store): Promise<Record<string, number>> {
  const tables = [
    'people',
    'person_lookup',
    'records',
    'households',
    'household_members',
    'tenancies',
    'properties',
    'vault_person_keys',
  ];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await store.db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    out[table] = row!.n;
  }
  // Searching for people is audited too (findPeople); what must not change is what was written.
  const [writes] = await store.db.query<{ n: number }>(
    "select count(*)::int as n from audit_events where outcome = 'allowed' and action like '%.create'",
  );
  out['audited writes'] = writes!.n;
  return out;
}

export const TENANT_HEADER =
  'customer_ref,title,forename,surname,dob,ni_number,mobile,email,person_type,household_ref,address,postcode,uprn,patch,relationship,moved_in,tenancy_ref,tenancy_type,tenancy_start';

/**
 * The example mapping without `system:` and its records' `key:` lines: for tests of a single
 * import whose made-up files carry no source ids of their own.
 */
export const UNKEYED_MAPPING = files({
  'mapping.yaml': readFileSync(`${EXAMPLES}mapping.yaml`, 'utf8')
    .replace(/^system: .*\n/m, '')
    .replace(/^ +key: contact_id\n/gm, ''),
})['mapping.yaml']!;
