/**
 * A server without CUSTOS_KEYS_URL keeps its key vault in the data database (ADR 5): `npm start`
 * says so in one line on stderr, /ready carries it, and the DPO's staff home shows it. The
 * embedded engine (whose vault is its own store already) says nothing. Start-up refusals on the
 * server engine are one plain line each, without the password or a stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, deploymentWarnings, openStore, SHARED_VAULT_WARNING } from '../../src/app/compose.ts';
import { ConfigError } from '../../src/store/errors.ts';
import { newKeyLine } from '../../src/store/keys.ts';
import { signInStaff, webFixture, type WebFixture } from '../web/helpers.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'custos-warnings-'));
const UNREACHABLE = 'postgres://custos:secret-pw@127.0.0.1:1/custos';

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('deploymentWarnings', () => {
  it('warns of the shared vault on a server without CUSTOS_KEYS_URL, and only there', () => {
    expect(deploymentWarnings(configFromEnv({ DATABASE_URL: UNREACHABLE }))).toEqual([SHARED_VAULT_WARNING]);
    expect(
      deploymentWarnings(configFromEnv({ DATABASE_URL: UNREACHABLE, CUSTOS_KEYS_URL: UNREACHABLE })),
    ).toEqual([]);
    expect(deploymentWarnings(configFromEnv({ CUSTOS_DATA_DIR: work }))).toEqual([]);
  });

  it('is given once when the store opens, before a refusal', async () => {
    const lines: string[] = [];
    const env = { DATABASE_URL: UNREACHABLE, CUSTOS_MASTER_KEY: newKeyLine('k1') };
    const opening = openStore(configFromEnv(env), env, { warn: (line) => lines.push(line) });
    await expect(opening).rejects.toThrow(ConfigError);
    expect(lines).toEqual([SHARED_VAULT_WARNING]);
  });

  it('refuses a second address that is not PostgreSQL’s before connecting anywhere', async () => {
    const env = {
      DATABASE_URL: UNREACHABLE,
      CUSTOS_KEYS_URL: 'mysql://keys',
      CUSTOS_MASTER_KEY: newKeyLine('k1'),
    };
    await expect(openStore(configFromEnv(env), env, { warn: () => undefined })).rejects.toThrow(
      /^CUSTOS_KEYS_URL must be a PostgreSQL address/,
    );
  });
});

/** `npm start` with the given variables, on the server engine; what it wrote, once it exits. */
function npmStart(vars: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CUSTOS_DATA_DIR: join(work, 'data'),
    CUSTOS_MASTER_KEY_FILE: join(work, 'no.key'),
    CUSTOS_MASTER_KEY: '',
    CUSTOS_KEYS_URL: '',
    PORT: '0',
    ...vars,
  };
  const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stderr = '';
  npm.stdout.on('data', (d: Buffer) => (output += d.toString()));
  npm.stderr.on('data', (d: Buffer) => {
    output += d.toString();
    stderr += d.toString();
  });
  return new Promise((resolve) => npm.once('exit', (code) => resolve({ code, output, stderr })));
}

describe('npm start on the server engine', () => {
  it('warns of the shared vault in one line, then names the command that makes a master key', async () => {
    const r = await npmStart({ DATABASE_URL: UNREACHABLE });
    expect(r.code).not.toBe(0);
    const custosLines = r.stderr.split('\n').filter((l) => l.startsWith('Custos'));
    expect(custosLines).toEqual([
      `Custos warning: ${SHARED_VAULT_WARNING}`,
      expect.stringMatching(/^Custos cannot start: no master key: make one with `npx custos keys new`/),
    ]);
    expect(r.output).not.toContain('secret-pw');
    expect(r.output).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('refuses an address it cannot reach in one line, without the password', async () => {
    const r = await npmStart({ DATABASE_URL: UNREACHABLE, CUSTOS_MASTER_KEY: newKeyLine('k1') });
    expect(r.code).not.toBe(0);
    expect(r.output).toContain(
      'Custos cannot start: nothing answers at 127.0.0.1:1 (DATABASE_URL): start the PostgreSQL server there, or correct DATABASE_URL',
    );
    expect(r.output).not.toContain('secret-pw');
    expect(r.output).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('refuses another database’s address at once', async () => {
    const r = await npmStart({ DATABASE_URL: 'mysql://x' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'Custos cannot start: DATABASE_URL must be a PostgreSQL address, postgres://user:password@host:5432/database (it starts "mysql:")',
    );
    expect(r.stderr).not.toContain('Custos warning');
  }, 120_000);
});

describe('the warning in the web app', () => {
  let f: WebFixture;
  beforeAll(async () => {
    f = await webFixture({ deploymentWarnings: [SHARED_VAULT_WARNING] });
  }, 240_000);
  afterAll(() => f?.close());

  it('is carried by /ready, which still answers ready', async () => {
    const res = await f.app.inject('/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', warnings: [SHARED_VAULT_WARNING] });
  });

  it('is shown on the DPO’s staff home, and not to a contractor', async () => {
    const dpo = await (await signInStaff(f, 'dpo')).get('/staff');
    expect(dpo.body).toContain('This installation: CUSTOS_KEYS_URL is not set');
    const contractor = await (await signInStaff(f, 'contractor-acme')).get('/staff');
    expect(contractor.statusCode).toBe(200);
    expect(contractor.body).not.toContain('CUSTOS_KEYS_URL');
  });
});
