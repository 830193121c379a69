/** Runs the real `bin/custos` in a child process, as a user would. */
import { spawnSync } from 'node:child_process';

export const BIN = new URL('../../bin/custos', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  bytes: Buffer;
}

export function custos(args: string[], cwd?: string, env?: NodeJS.ProcessEnv): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'buffer',
    timeout: 240_000,
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout.toString('utf8'),
    stderr: r.stderr.toString('utf8'),
    bytes: r.stdout,
  };
}
