/**
 * `custos keys new`: the first master key of a deployment, made with Node's crypto. Written to the
 * key file (owner-only, never over an existing one), or printed as the line CUSTOS_MASTER_KEY takes.
 */
import type { Command } from 'commander';
import { configFromEnv } from '../../app/compose.ts';
import { newKeyLine, writeNewKeyFile } from '../../store/keys.ts';
import { CliError } from '../io.ts';

export function registerKeysNew(keys: Command): void {
  keys
    .command('new')
    .description(
      'make a master key and write it to the key file (mode 0600; never over an existing file), or print it with --print',
    )
    .option('--print', 'print the id:base64 line for CUSTOS_MASTER_KEY instead of writing a file')
    .action((opts: { print?: boolean }) => {
      if (opts.print) {
        process.stdout.write(`${newKeyLine('k1')}\n`);
        return;
      }
      if (process.env.CUSTOS_MASTER_KEY)
        throw new CliError(
          'CUSTOS_MASTER_KEY is set, and it takes precedence over any key file: unset it to use a file, or use --print',
          2,
        );
      const keyFile = configFromEnv().keyFile;
      try {
        writeNewKeyFile(keyFile);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliError(
          code === 'EEXIST'
            ? `${keyFile} already exists: keys new never writes over a key file (custos keys rotate adds a key to it)`
            : `cannot write the key file ${keyFile} (${code ?? 'unknown error'}); CUSTOS_MASTER_KEY_FILE chooses another place`,
          code === 'EEXIST' ? 2 : 1,
        );
      }
      process.stdout.write(
        `wrote a new master key to ${keyFile} (readable by you only); keep it out of the database's backups and back it up on its own\n`,
      );
    });
}
