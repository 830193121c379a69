/**
 * `custos breach` and `custos ropa` against a real embedded store of the demo landlord, with a
 * breach recorded in it (and one naming the activity it affected, for the record of processing).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, openStore } from '../../src/app/compose.ts';
import {
  addAffected,
  assessRisk,
  breachReference,
  decideNotification,
  recordBreach,
} from '../../src/breaches/index.ts';
import { ROPA_COLUMNS } from '../../src/notice/ropa/index.ts';
import type { Call } from '../../src/records/store.ts';
import { custos } from '../cli/run-cli.ts';
import { CONTROLLER } from '../sharing/fixture.ts';
import { sharingManifest, sharingManifestText } from '../sharing/manifest.ts';

const dir = mkdtempSync(join(tmpdir(), 'custos-breach-cli-'));
const manifestFile = join(dir, 'privacy.yaml');
const env = {
  CUSTOS_DATA_DIR: join(dir, 'data'),
  DATABASE_URL: '',
  CUSTOS_MASTER_KEY: '',
  CUSTOS_MANIFEST: manifestFile,
};
const run = (args: string[]) => custos(['breach', ...args], undefined, env);
let breach = '';
let named = '';
const openCliStore = () =>
  openStore(configFromEnv({ ...process.env, ...env }), { ...process.env, ...env }, { create: false });

beforeAll(async () => {
  writeFileSync(manifestFile, sharingManifestText().replace(/^\s+expiry: .*\n/gm, ''));
  expect(custos(['demo', '--households', '8', '--seed', '2'], undefined, env).code).toBe(0);
  const store = await openCliStore();
  try {
    const dpo: Call = {
      actor: { id: 'dpo-1', kind: 'system', controllerId: CONTROLLER, roles: [] },
      purpose: 'data-breaches',
      channel: 'cli',
    };
    breach = await recordBreach(store, dpo, {
      kind: 'breach',
      types: ['availability'],
      summary: 'A laptop holding a rent arrears list was stolen.',
      awareAt: new Date(Date.now() - 3_600_000),
      categories: ['identity', 'financial'],
    });
    await assessRisk(store, dpo, breach, {
      likelihood: 'possible',
      severity: 'severe',
      consequences: 'Possible fraud.',
      reasons: 'Unencrypted.',
    });
    await decideNotification(store, dpo, breach, {
      ico: 'notify',
      icoReasons: 'High risk',
      people: 'notify',
      peopleReasons: 'High risk',
      messageToPeople: 'A laptop with a list of rent accounts, including yours, was stolen.',
      consequencesForPeople: 'Someone may learn how much rent you owe.',
    });
    await addAffected(store, dpo, breach, { by: 'records', recordTypes: ['arrears-case'] });
    named = await recordBreach(store, dpo, {
      kind: 'breach',
      types: ['confidentiality'],
      summary: 'A web form’s submissions were readable by other visitors.',
      awareAt: new Date(Date.now() - 7_200_000),
      categories: ['identity'],
      activities: ['website'],
    });
  } finally {
    await store.db.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('custos breach', () => {
  it('lists the register with the 72-hour clock', () => {
    const r = run(['list', '--open']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      // UK time, as the web shows it.
      new RegExp(
        `^${breach} breach open aware \\d+ \\w+ 2026, \\d+:\\d\\d[ap]m: ICO due, 7[01]h left \\(deadline \\d+ \\w+ 2026, \\d+:\\d\\d[ap]m\\)$`,
        'm',
      ),
    );
  });

  it('writes the letters to a folder, and shows the breach as JSON', () => {
    const out = join(dir, 'letters');
    mkdirSync(out);
    const r = run(['letters', breach, '--out-dir', out]);
    expect(r.stderr).toBe('');
    const written = readdirSync(out);
    expect(r.stdout).toBe(
      `${written.length / 2} letter(s) prepared in ${out} (mark them as sent once posted)\n`,
    );
    expect(written.length).toBeGreaterThan(0);
    expect(
      readFileSync(
        join(
          out,
          written.find((w) => w.endsWith('.txt'))!,
        ),
        'utf8',
      ),
    ).toContain('A laptop with a list of rent accounts');
    const show = () =>
      JSON.parse(run(['show', breach]).stdout) as {
        affected: { people: number; lettersPrepared: number; lettersSent: number };
      };
    // Written to a folder is prepared, not sent: sending is recorded once they are posted.
    expect(show().affected).toMatchObject({ lettersPrepared: written.length / 2, lettersSent: 0 });
    const at = new Date().toISOString();
    expect(run(['letters-sent', breach, '--at', at]).stdout).toMatch(/^\d+ letter\(s\) marked as sent on /);
    expect(show().affected.lettersSent).toBe(written.length / 2);
  });

  it('refuses bad input in one line', () => {
    expect(run(['show', 'not-an-id'])).toMatchObject({
      code: 1,
      stderr: 'custos: breachId: is not a valid id\n',
    });
    expect(run(['letters', breach, '--out-dir', join(dir, 'nowhere')]).code).toBe(2);
  });
});

describe('custos ropa with the store', () => {
  const OCCURRED = ROPA_COLUMNS.indexOf('Has a personal data breach occurred?');
  const LINK = ROPA_COLUMNS.indexOf('Link to record of personal data breach');
  /** The record's rows by activity id (the demo manifest's order). */
  function rows(csv: string): Map<string, string[]> {
    const records = parse(csv, { bom: true, relax_column_count: true }) as string[][];
    const header = records.findIndex((r) => r[0] === ROPA_COLUMNS[0]);
    const ids = sharingManifest().activities.map((a) => a.id);
    return new Map(records.slice(header + 1).map((r, i) => [ids[i]!, r]));
  }

  it('reads the register: Yes with the references, by named activity or else by category', () => {
    const r = custos(['ropa', manifestFile, '--by', 'dpo-1'], undefined, {
      ...env,
      CUSTOS_PUBLIC_URL: 'https://homes.example/',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Breach columns: from the breach register of ${CONTROLLER}`);
    const byId = rows(r.stdout);
    // The first breach names no activity: it shows wherever identity or financial data is held.
    expect(byId.get('lettings')![OCCURRED]).toBe(`Yes: 1 (${breachReference(breach)})`);
    expect(byId.get('lettings')![LINK]).toBe(`https://homes.example/staff/breaches/${breach}`);
    // The second names website only, so its identity data does not reach lettings.
    expect(byId.get('website')![OCCURRED]).toBe(`Yes: 1 (${breachReference(named)})`);
    expect(byId.get('equality-monitoring')![OCCURRED]).toBe('No breach recorded');
  });

  it('writes the read to the audit log, on the cli channel', async () => {
    const store = await openCliStore();
    try {
      const [event] = await store.db.query<{ actor: string; channel: string; record_ids: string[] }>(
        `select actor, channel, record_ids::text[] as record_ids from audit_events
          where action = 'breach.ropa' order by seq desc limit 1`,
      );
      expect(event).toMatchObject({ actor: 'dpo-1', channel: 'cli' });
      expect(event!.record_ids.toSorted()).toEqual([breach, named].toSorted());
    } finally {
      await store.db.close();
    }
  });

  it('refuses, rather than say "No breach recorded", when the store is there but held', async () => {
    const store = await openCliStore();
    try {
      const r = custos(['ropa', manifestFile], undefined, env);
      expect(r.code).toBe(78);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('(--manifest-only writes the record without the breach register)');
    } finally {
      await store.db.close();
    }
  });

  it('leaves the register unread with --manifest-only, and says which mode in its help', () => {
    const r = custos(['ropa', manifestFile, '--manifest-only'], undefined, env);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Breach columns: manifest only (--manifest-only)');
    for (const [id, row] of rows(r.stdout)) expect(row[OCCURRED], id).toBe('No breach recorded');
    const help = custos(['ropa', '--help'], undefined, env).stdout;
    expect(help).toContain('--manifest-only');
    expect(help).toMatch(/with a store +where DATABASE_URL is set/);
    expect(help).toMatch(/manifest only +with --manifest-only, or with no store/);
  });
});
