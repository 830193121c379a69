/**
 * `npm start` in its own process, as someone runs it: once it is serving, a SIGTERM to the npm
 * process stops the server too (no process of npm's left running, the port free again). A fresh
 * data folder in a temporary directory, a free port, and a manifest that is not the demo
 * landlord's, so no demo data is loaded. A second start on the same folder meanwhile is refused in
 * one plain line. Linux only: it reads the process tree from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'custos-start-'));
let npm: ChildProcess | undefined;
let started: number[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Every process below `pid`, from /proc. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The fourth field of /proc/<pid>/stat, after the command name in brackets, is the parent.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, of] of parent)
      if (of === p) {
        found.push(child);
        walk(child);
      }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const answers = (port: number) =>
  fetch(`http://127.0.0.1:${port}/health`).then(
    (r) => r.ok,
    () => false,
  );

async function until(check: () => boolean | Promise<boolean>, limitMs: number): Promise<boolean> {
  const end = Date.now() + limitMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return check();
}

afterAll(() => {
  // If the test failed, leave nothing of ours running.
  for (const pid of [npm?.pid, ...started]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!existsSync('/proc/self/stat'))('npm start', () => {
  it('stops the server when the npm process gets SIGTERM', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CUSTOS_DATA_DIR: join(dir, 'data'),
      CUSTOS_MANIFEST: join(ROOT, 'examples', 'halton-housing.yaml'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      CUSTOS_RETENTION_EVERY_MINUTES: '0',
    };
    // The embedded engine in the temporary folder, whatever the suite itself runs on.
    for (const name of ['DATABASE_URL', 'CUSTOS_KEYS_URL', 'CUSTOS_MASTER_KEY', 'CUSTOS_MASTER_KEY_FILE'])
      delete env[name];
    npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    npm.stderr!.on('data', (d: Buffer) => (output += d.toString()));

    const ready = await until(() => output.includes('Custos is running at'), 120_000);
    expect(ready, output).toBe(true);
    expect(await answers(port)).toBe(true);
    started = descendants(npm.pid!);
    expect(started.length).toBeGreaterThan(0);

    // A second start on the same folder is refused in one plain line, with no stack trace.
    const second = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...env, PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let refused = '';
    second.stdout!.on('data', (d: Buffer) => (refused += d.toString()));
    second.stderr!.on('data', (d: Buffer) => (refused += d.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code, refused).not.toBe(0);
    expect(refused).toContain('Custos cannot start: the store in');
    expect(refused).toContain('is in use by another Custos process');
    expect(refused).not.toMatch(/\n\s+at /);

    npm.kill('SIGTERM');
    const gone = await until(
      async () => started.every((pid) => !alive(pid)) && !(await answers(port)),
      30_000,
    );
    expect(gone, `left running: ${started.filter(alive).join(', ')}\n${output}`).toBe(true);
    expect(output).toContain('Custos is stopping (SIGTERM)');
  }, 240_000);
});
