/**
 * `custos keys new` makes the first master key of a deployment; `custos audit verify` reads the
 * chain without one; a server without a key is told which command makes one.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configFromEnv, openStore } from '../../src/app/compose.ts';
import { parseKeyRing } from '../../src/store/keys.ts';
import { custos } from './run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'custos-keys-new-'));
const embedded = (dir: string) => ({
  CUSTOS_DATA_DIR: join(work, dir),
  DATABASE_URL: '',
  CUSTOS_KEYS_URL: '',
  CUSTOS_MASTER_KEY: '',
  CUSTOS_MASTER_KEY_FILE: '',
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('custos keys new', () => {
  it('prints a 32-byte key as the id:base64 line CUSTOS_MASTER_KEY takes', () => {
    const r = custos(['keys', 'new', '--print'], work, embedded('print'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^k1:[A-Za-z0-9+/]{43}=\n$/);
    expect(parseKeyRing(r.stdout).currentId).toBe('k1');
    const again = custos(['keys', 'new', '--print'], work, embedded('print'));
    expect(again.stdout).not.toBe(r.stdout);
  });

  it('writes the key file readable by its owner only, and never writes over it', () => {
    const env = embedded('file');
    const keyFile = join(env.CUSTOS_DATA_DIR, 'keys', 'master.key');
    const r = custos(['keys', 'new'], work, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote a new master key to ${keyFile}`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const written = readFileSync(keyFile, 'utf8');
    expect(parseKeyRing(written).currentId).toBe('k1');

    const again = custos(['keys', 'new'], work, env);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `custos: ${keyFile} already exists: keys new never writes over a key file (custos keys rotate adds a key to it)\n`,
    );
    expect(readFileSync(keyFile, 'utf8')).toBe(written);
  });

  it('writes where CUSTOS_MASTER_KEY_FILE says, and leaves CUSTOS_MASTER_KEY alone', () => {
    const keyFile = join(work, 'elsewhere', 'custos.key');
    const r = custos(['keys', 'new'], work, { ...embedded('elsewhere'), CUSTOS_MASTER_KEY_FILE: keyFile });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const set = custos(['keys', 'new'], work, { ...embedded('set'), CUSTOS_MASTER_KEY: 'k1:x' });
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('CUSTOS_MASTER_KEY is set');
  });
});

describe('the server engine without a master key', () => {
  it('names the command that makes one, after one warning about the key vault', () => {
    const keyFile = join(work, 'no-key', 'master.key');
    const r = custos(['keys', 'rewrap'], work, {
      ...embedded('no-key'),
      DATABASE_URL: 'postgres://custos:secret-pw@127.0.0.1:1/custos',
      CUSTOS_MASTER_KEY_FILE: keyFile,
    });
    expect(r.code).toBe(78);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^Custos warning: CUSTOS_KEYS_URL is not set, so the key vault is a table in the data database/,
    );
    expect(lines[1]).toBe(
      `custos: no master key: make one with \`npx custos keys new\` (it writes ${keyFile}), or set CUSTOS_MASTER_KEY to the line \`npx custos keys new --print\` prints`,
    );
    expect(r.stderr).not.toContain('secret-pw');
  });
});

describe('custos audit verify', () => {
  it('reads the chain without the master key or the manifest', async () => {
    const env = embedded('verify');
    const store = await openStore(configFromEnv(env), env);
    await store.db.close();
    rmSync(join(env.CUSTOS_DATA_DIR, 'keys', 'master.key'));
    const r = custos(['audit', 'verify'], work, { ...env, CUSTOS_MANIFEST: join(work, 'no-such.yaml') });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^audit chain intact: \d+ events verified/);
    expect(r.code).toBe(0);
  });
});
