/** `custos breach` against a real embedded store of the demo landlord, with a breach recorded in it. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, openStore } from '../../src/app/compose.ts';
import { addAffected, assessRisk, decideNotification, recordBreach } from '../../src/breaches/index.ts';
import type { Call } from '../../src/records/store.ts';
import { custos } from '../cli/run-cli.ts';
import { CONTROLLER } from '../sharing/fixture.ts';
import { sharingManifestText } from '../sharing/manifest.ts';

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

beforeAll(async () => {
  writeFileSync(manifestFile, sharingManifestText().replace(/^\s+expiry: .*\n/gm, ''));
  expect(custos(['demo', '--households', '8', '--seed', '2'], undefined, env).code).toBe(0);
  const store = await openStore(
    configFromEnv({ ...process.env, ...env }),
    { ...process.env, ...env },
    { create: false },
  );
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
    });
    await addAffected(store, dpo, breach, { by: 'records', recordTypes: ['arrears-case'] });
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
      new RegExp(`^${breach} breach open aware \\S+: ICO due, 7[01]h left \\(deadline \\S+\\)$`, 'm'),
    );
  });

  it('writes the letters to a folder, and shows the breach as JSON', () => {
    const out = join(dir, 'letters');
    mkdirSync(out);
    const r = run(['letters', breach, '--out-dir', out]);
    expect(r.stderr).toBe('');
    const written = readdirSync(out);
    expect(r.stdout).toBe(`${written.length / 2} letter(s) written to ${out}\n`);
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
    const shown = JSON.parse(run(['show', breach]).stdout) as {
      affected: { people: number; lettersSent: number };
    };
    expect(shown.affected.lettersSent).toBe(shown.affected.people);
  });

  it('refuses bad input in one line', () => {
    expect(run(['show', 'not-an-id'])).toMatchObject({
      code: 1,
      stderr: 'custos: breachId: is not a valid id\n',
    });
    expect(run(['letters', breach, '--out-dir', join(dir, 'nowhere')]).code).toBe(2);
  });
});
