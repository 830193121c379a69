/**
 * Helpers shared by the CLI commands: problems to stderr, results to a file or stdout, and the
 * store opened and closed around a command. Kept light (heavy modules are imported when used),
 * since every command loads it, `custos --help` included.
 */
import { writeFileSync } from 'node:fs';
import { formatProblem, hasErrors, type Problem } from '../manifest/problems.ts';
import type { Manifest } from '../manifest/schema.ts';
import { AccessDenied, InputError, NotFound } from '../records/errors.ts';
import type { Store } from '../records/store.ts';

/** A failure the user can act on: printed as one line, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function printProblems(problems: readonly Problem[]): void {
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
}

/** Load a manifest for a command that needs a valid one; print its problems and stop if not. */
export async function requireValidManifest(file: string, today?: string): Promise<Manifest> {
  const { validateFile } = await import('../manifest/validate.ts');
  const result = validateFile(file, { today });
  if (!result.manifest || hasErrors(result.problems)) {
    printProblems(result.problems.filter((p) => p.severity === 'error'));
    throw new CliError(`${file} is not a valid manifest; run \`custos validate ${file}\` for details`);
  }
  return result.manifest;
}

const WRITE_PROBLEMS: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

/** Write a file, turning the usual failures into one line that says which file and why. */
export function writeOutput(out: string, output: string | Buffer): void {
  try {
    writeFileSync(out, output);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    throw new CliError(`cannot write ${out}: ${WRITE_PROBLEMS[code] ?? code}`);
  }
}

export function emit(output: string | Buffer, out?: string): void {
  if (out) writeOutput(out, output);
  else process.stdout.write(output);
}

/** Refuse `--out notice.pdf --format html` and the like, rather than write one format under another's name. */
export function checkExtension(
  out: string | undefined,
  format: string,
  extensions: Record<string, string>,
): void {
  const ext = out?.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase();
  if (!ext || !Object.values(extensions).includes(ext)) return;
  if (extensions[format] !== ext) {
    const meant = Object.entries(extensions).find(([, e]) => e === ext)?.[0];
    throw new CliError(
      `--out ${out} looks like ${meant} but --format is ${format}; give --format ${meant}`,
      2,
    );
  }
}

/** A YYYY-MM-DD that is a real date, or a usage error naming the option. */
export function parseDay(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== value
  ) {
    throw new CliError(`${option}: "${value}" is not a date written YYYY-MM-DD`, 2);
  }
  return value;
}

/** Binary formats go to a file, or to stdout only when it is not a terminal. */
export function emitBinary(output: Buffer, out: string | undefined, what: string): void {
  if (!out && process.stdout.isTTY)
    throw new CliError(`${what} is binary; give --out FILE or redirect the output`, 2);
  emit(output, out);
}

/** A module's refusal of bad input, as the CLI shows it (one line); undefined for anything else. */
export type ErrorMapping = (error: unknown) => CliError | undefined;

const inputErrors: ErrorMapping = (error) =>
  error instanceof InputError || error instanceof NotFound || error instanceof AccessDenied
    ? new CliError(error.message)
    : undefined;

/**
 * Open the store that must already exist (a mistyped CUSTOS_DATA_DIR creates nothing), run `fn`,
 * and close it whatever happens. Input errors, not-found and access refusals (and whatever
 * `mapError` recognises) become one-line CLI errors; anything else is left to the top level.
 */
export async function withStore(fn: (store: Store) => Promise<void>, mapError?: ErrorMapping): Promise<void> {
  const { configFromEnv, openStore } = await import('../app/compose.ts');
  const store = await openStore(configFromEnv(), process.env, { create: false });
  try {
    await fn(store);
  } catch (error) {
    throw mapError?.(error) ?? inputErrors(error) ?? error;
  } finally {
    await store.db.close();
  }
}

/** The controller a command acts for: --controller, or the only manifest loaded. */
export function controllerOf(store: Store, given: string | undefined): string {
  const ids = [...store.manifests.keys()];
  if (given && !ids.includes(given))
    throw new CliError(`--controller: "${given}" is not a loaded manifest's controller`, 2);
  if (!given && ids.length !== 1)
    throw new CliError(`several controllers are loaded (${ids.join(', ')}); give --controller`, 2);
  return given ?? ids[0]!;
}
