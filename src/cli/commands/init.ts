import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CliError, writeOutput } from '../io.ts';

export const STARTER_MANIFEST = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'manifest',
  'starter.yaml',
);

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a starter privacy manifest for a social landlord')
    .argument('[file]', 'where to write it', 'privacy.yaml')
    .option('--force', 'overwrite an existing file')
    .action((file: string, opts: { force?: boolean }) => {
      if (existsSync(file) && !opts.force)
        throw new CliError(`${file} already exists; use --force to overwrite it`, 2);
      writeOutput(file, readFileSync(STARTER_MANIFEST));
      process.stderr.write(`Wrote ${file}. Edit it, then run: custos validate ${file}\n`);
    });
}
