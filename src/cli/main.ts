/**
 * The `custos` command. Each command is a thin adapter over a domain module; every failure is
 * reported in one line with an exit code (1: the input is wrong, 2: the command line is wrong).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerApiKey } from './commands/api-key.ts';
import { registerAudit } from './commands/audit.ts';
import { registerBreach } from './commands/breach.ts';
import { registerConsent } from './commands/consent.ts';
import { registerDemo } from './commands/demo.ts';
import { registerDiff } from './commands/diff.ts';
import { registerImport } from './commands/import.ts';
import { registerKeys } from './commands/keys.ts';
import { registerInit } from './commands/init.ts';
import { registerNotice } from './commands/notice.ts';
import { registerRetention } from './commands/retention.ts';
import { registerReturns } from './commands/returns.ts';
import { registerRopa } from './commands/ropa.ts';
import { registerStaff } from './commands/staff.ts';
import { registerValidate } from './commands/validate.ts';
import { ManifestError } from '../manifest/validate.ts';
import { ConfigError } from '../store/errors.ts';
import { CliError, printProblems } from './io.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export function buildProgram(): Command {
  const program = new Command('custos')
    .description('Custos: keep the promises of a social landlord’s privacy notice')
    .version(VERSION, '-V, --version', 'print the version of Custos')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerValidate(program);
  registerNotice(program);
  registerRopa(program);
  registerDiff(program);
  registerAudit(program);
  registerConsent(program);
  registerKeys(program);
  registerInit(program);
  registerImport(program);
  registerDemo(program);
  registerRetention(program);
  registerReturns(program);
  registerBreach(program);
  registerStaff(program);
  registerApiKey(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ManifestError) {
      printProblems(error.problems.filter((p) => p.severity === 'error'));
      process.stderr.write(`custos: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`custos: ${error.message}\n`);
      return 78;
    }
    if (error instanceof CliError) {
      process.stderr.write(`custos: ${error.message}\n`);
      return error.exitCode;
    }
    // Anything else is our bug: say so plainly, without a stack trace or the data involved.
    process.stderr.write(
      `custos: internal error (${(error as Error)?.name ?? 'unknown'}); please report it\n`,
    );
    if (process.env.CUSTOS_DEBUG) console.error(error);
    return 70;
  }
}

const code = await run(process.argv.slice(2));
process.exitCode = code || process.exitCode;
