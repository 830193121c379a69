/**
 * One process per embedded store. PGlite runs PostgreSQL inside the process that opened the
 * folder, with no server to arbitrate, so a second process (the CLI while `npm start` runs)
 * writing the same files corrupts them. Opening takes a lock file beside the folder holding the
 * owner's process id; a lock whose process has gone (a crash, a kill) is taken over at once. See
 * docs/decisions/0011-one-process-per-embedded-store.md for why this is not proper-lockfile.
 */
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { ConfigError } from './errors.ts';

interface Owner {
  pid: number;
  host: string;
}

const held = new Set<string>();

function readOwner(lockPath: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string'
      ? { pid: owner.pid, host: owner.host }
      : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as no owner
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function createExclusively(lockPath: string): boolean {
  try {
    const fd = openSync(lockPath, 'wx');
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname() }));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Takes the folder's lock or says plainly who holds it; returns the release. */
export function lockFolder(folder: string, what = 'store'): () => void {
  const lockPath = `${folder}.lock`;
  if (held.has(lockPath)) throw new ConfigError(`the ${what} in ${folder} is already open in this process`);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (createExclusively(lockPath)) {
      held.add(lockPath);
      return () => {
        held.delete(lockPath);
        rmSync(lockPath, { force: true });
      };
    }
    const owner = readOwner(lockPath);
    const elsewhere = owner !== undefined && owner.host !== hostname();
    if (elsewhere || (owner && isAlive(owner.pid)))
      throw new ConfigError(
        `the ${what} in ${folder} is in use by another Custos process` +
          (owner ? ` (process ${owner.pid}${elsewhere ? ` on ${owner.host}` : ''})` : '') +
          ': stop it first (Ctrl-C where `npm start` runs), or use DATABASE_URL for a server many processes can share',
      );
    rmSync(lockPath, { force: true }); // its process has gone: the lock is stale
  }
  throw new ConfigError(`could not take the lock ${lockPath}; remove it if no Custos process is running`);
}
