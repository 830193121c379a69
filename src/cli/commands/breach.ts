/**
 * `custos breach`: the register at a glance (open breaches and their clocks first), one breach in
 * full, and the letters to the people affected written to a folder. Thin over src/breaches/.
 * Output is ids, codes, dates (UK time, as the web shows them) and counts; the letters go to files,
 * never to the terminal.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  BREACH_ACTIVITY,
  breachLetters,
  listBreaches,
  markLettersSent,
  readBreach,
  type Clock,
} from '../../breaches/index.ts';
import type { Call, Store } from '../../records/store.ts';
import { momentWords } from '../../manifest/words.ts';
import { CliError, controllerOf, withStore as withAnyStore, writeOutput } from '../io.ts';

/** The store and the controller acted for (--controller, or the only one loaded). */
const withStore = (fn: (store: Store, controllerId: string) => Promise<void>, controller?: string) =>
  withAnyStore((store) => fn(store, controllerOf(store, controller)));

/** Reads of the register are audited (breaches/read-audit.ts), under the breach-handling activity. */
const call = (controllerId: string, purpose: string = BREACH_ACTIVITY): Call => ({
  actor: { id: 'custos-breaches', kind: 'system', controllerId, roles: [] },
  purpose,
  channel: 'cli',
});

function clockWords(name: string, c: Clock | null): string {
  if (!c) return '';
  const left =
    c.hoursLeft === null ? '' : c.hoursLeft < 0 ? ` by ${-c.hoursLeft}h` : `, ${c.hoursLeft}h left`;
  return `${name} ${c.status}${left} (deadline ${momentWords(c.deadline)})`;
}

export function registerBreach(program: Command): void {
  const breach = program
    .command('breach')
    .description('the breach register: every breach and near miss, and its clocks');
  breach
    .command('list')
    .description('the register, open breaches and the nearest deadline first')
    .option('--open', 'open breaches only')
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .action(async (opts: { open?: boolean; controller?: string }) => {
      await withStore(async (store, controllerId) => {
        const list = await listBreaches(store, call(controllerId), { open: opts.open });
        if (list.length === 0) process.stdout.write('no breaches recorded\n');
        for (const b of list) {
          const clocks = [clockWords('ICO', b.clocks.ico), clockWords('CORE', b.clocks.core)]
            .filter(Boolean)
            .join('; ');
          process.stdout.write(`${b.id} ${b.kind} ${b.status} aware ${momentWords(b.awareAt)}: ${clocks}\n`);
        }
      }, opts.controller);
    });
  breach
    .command('show <breach-id>')
    .description('one breach in full, as JSON')
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .action(async (id: string, opts: { controller?: string }) => {
      await withStore(async (store, controllerId) => {
        process.stdout.write(`${JSON.stringify(await readBreach(store, call(controllerId), id), null, 2)}\n`);
      }, opts.controller);
    });
  breach
    .command('letters <breach-id>')
    .description('write a letter (HTML and text) to each person affected who has not had one')
    .requiredOption('--out-dir <folder>', 'an existing folder for the letters')
    .option('--purpose <activity>', 'the activity names and addresses are read under', 'data-breaches')
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .action(async (id: string, opts: { outDir: string; purpose: string; controller?: string }) => {
      if (!existsSync(opts.outDir) || !statSync(opts.outDir).isDirectory())
        throw new CliError(`--out-dir: ${opts.outDir} is not an existing folder`, 2);
      await withStore(async (store, controllerId) => {
        const { letters, skipped } = await breachLetters(store, call(controllerId, opts.purpose), id);
        for (const l of letters) {
          writeOutput(join(opts.outDir, `${l.personId}.html`), l.html);
          writeOutput(join(opts.outDir, `${l.personId}.txt`), l.text);
        }
        process.stdout.write(
          `${letters.length} letter(s) prepared in ${opts.outDir} (mark them as sent once posted)${skipped ? `; ${skipped} person(s) could not be read (refused or erased)` : ''}\n`,
        );
      }, opts.controller);
    });
  breach
    .command('letters-sent <breach-id>')
    .description('record that the prepared letters were posted, and when')
    .requiredOption('--at <time>', 'when they were posted, with its offset (2026-11-24T15:00:00Z)')
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .action(async (id: string, opts: { at: string; controller?: string }) => {
      await withStore(async (store, controllerId) => {
        const n = await markLettersSent(store, call(controllerId), id, { sentAt: opts.at });
        process.stdout.write(`${n} letter(s) marked as sent on ${momentWords(new Date(opts.at))}\n`);
      }, opts.controller);
    });
}
