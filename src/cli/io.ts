/** Output helpers shared by the CLI commands: problems to stderr, results to a file or stdout. */
import { writeFileSync } from 'node:fs';
import { formatProblem, hasErrors, type Problem } from '../manifest/problems.ts';
import { validateFile } from '../manifest/validate.ts';
import type { Manifest } from '../manifest/schema.ts';

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
export function requireValidManifest(file: string, today?: string): Manifest {
  const result = validateFile(file, { today });
  if (!result.manifest || hasErrors(result.problems)) {
    printProblems(result.problems.filter((p) => p.severity === 'error'));
    throw new CliError(`${file} is not a valid manifest; run \`custos validate ${file}\` for details`);
  }
  return result.manifest;
}

export function emit(output: string | Buffer, out?: string): void {
  if (out) writeFileSync(out, output);
  else process.stdout.write(output);
}

/** Binary formats go to a file, or to stdout only when it is not a terminal. */
export function emitBinary(output: Buffer, out: string | undefined, what: string): void {
  if (!out && process.stdout.isTTY)
    throw new CliError(`${what} is binary; give --out FILE or redirect the output`, 2);
  emit(output, out);
}
