/**
 * The `custos` command. Each command is a thin adapter over a domain module, loaded only when that
 * command runs (so `custos --help` starts quickly); every failure is
 * reported in one line with an exit code (1: the input is wrong, 2: the command line is wrong).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Help } from 'commander';
import { ConfigError } from '../store/errors.ts';
import { COMMANDS, commandNamed } from './command-list.ts';
import { CliError, printProblems } from './io.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * The program with the named command loaded in full and every other one listed by its summary
 * only, so a command pays for its own modules and no one else's.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const named = commandNamed(argv);
  const terms = new Map(COMMANDS.map((c) => [c.name, c.term]));
  const program = new Command('custos')
    .description('Custos: keep the promises of a social landlord’s privacy notice')
    .version(VERSION, '-V, --version', 'print the version of Custos')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .configureHelp({
      subcommandTerm: (cmd) => terms.get(cmd.name()) ?? new Help().subcommandTerm(cmd),
    });
  for (const entry of COMMANDS) {
    if (entry.name === named) (await entry.load())(program);
    else program.command(entry.name).description(entry.summary);
  }
  return program;
}

export async function run(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ConfigError) {
      process.stderr.write(`custos: ${error.message}\n`);
      return 78;
    }
    if (error instanceof CliError) {
      process.stderr.write(`custos: ${error.message}\n`);
      return error.exitCode;
    }
    // Loaded only on this path: validate.ts brings the whole schema with it.
    const { ManifestError } = await import('../manifest/validate.ts');
    if (error instanceof ManifestError) {
      printProblems(error.problems.filter((p) => p.severity === 'error'));
      process.stderr.write(`custos: ${error.message}\n`);
      return 1;
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
