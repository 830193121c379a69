/**
 * One process per embedded store: a second process (the CLI while `npm start` runs) is refused
 * with a plain reason instead of writing the same PGlite files; a lock left by a process that has
 * gone is taken over; closing releases it. Real PGlite folders and real child processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/store/errors.ts';
import { openDatabase } from '../../src/store/open.ts';

const dir = mkdtempSync(join(tmpdir(), 'custos-lock-'));
const lockFile = join(dir, 'pglite.lock');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOLDER = `
  import { openDatabase } from ${JSON.stringify(new URL('../../src/store/open.ts', import.meta.url).pathname)};
  await openDatabase({ dataDir: process.env.DIR });
  console.log('holding');
  setInterval(() => undefined, 1000);
`;

/** A child process that opens the store and keeps it open until killed. */
function holder(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', HOLDER], {
    env: { ...process.env, DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => String(d).includes('holding') && resolve(child));
    child.on('exit', (code) => reject(new Error(`the holder exited (${code}): ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

describe('one process per embedded store', () => {
  it('refuses a second process while the first has the store open, naming it', async () => {
    const child = await holder();
    try {
      const opening = openDatabase({ dataDir: dir });
      await expect(opening).rejects.toThrow(ConfigError);
      await expect(opening).rejects.toThrow(`in use by another Custos process (process ${child.pid})`);
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
  });

  it('takes over a lock whose process was killed, and releases it on close', async () => {
    expect(existsSync(lockFile)).toBe(true); // left behind by the killed holder
    const db = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow('already open in this process');
    await db.close();
    expect(existsSync(lockFile)).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('refuses a lock held from another machine rather than guess whether it is alive', async () => {
    writeFileSync(lockFile, JSON.stringify({ pid: 1, host: `not-${hostname()}` }));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(`on not-${hostname()}`);
    rmSync(lockFile);
  });
});
