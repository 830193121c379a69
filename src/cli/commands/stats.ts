/**
 * `custos stats equality`: the equality monitoring statistics (src/stats), counts only, with small
 * numbers suppressed. Run as a named staff sign-in (--user): the gate judges that account's roles,
 * so only a role with aggregate access to the answers may count them, and every person counted is
 * in the audit log under that account.
 */
import { Option, type Command } from 'commander';
import type { Call, Store } from '../../records/store.ts';
import { DEFAULT_K, MAX_K, MIN_K, statisticsCsv, statisticsText } from '../../stats/index.ts';
import { EQUALITY_ACTIVITY, equalityStatistics } from '../../stats/equality.ts';
import { staffAccountOf, staffActor } from '../../web/auth/staff-accounts.ts';
import { CliError, controllerOf, emit, withStore } from '../io.ts';

interface EqualityOptions {
  by: string;
  k: string;
  format: 'text' | 'csv';
  user: string;
  controller?: string;
  out?: string;
}

function parseK(value: string): number {
  const k = Number(value);
  if (!/^\d+$/.test(value) || k < MIN_K || k > MAX_K)
    throw new CliError(`--k must be a whole number from ${MIN_K} to ${MAX_K}`, 2);
  return k;
}

/** The live staff sign-in named, as the actor the gate judges (its roles, patches and teams). */
async function staffCall(store: Store, controllerId: string, username: string): Promise<Call> {
  const [row] = await store.db.query<Parameters<typeof staffAccountOf>[0]>(
    `select id, controller_id, username, display_name, kind, roles, patches, teams
       from web_staff_accounts where controller_id = $1 and username = $2 and disabled_at is null`,
    [controllerId, username],
  );
  if (!row) throw new CliError(`--user: no live staff sign-in is called "${username}"`);
  return { actor: staffActor(staffAccountOf(row)), purpose: EQUALITY_ACTIVITY, channel: 'cli' };
}

export function registerStats(program: Command): void {
  const stats = program
    .command('stats')
    .description('anonymised statistics: counts across people, small numbers suppressed');
  stats
    .command('equality')
    .description('equality monitoring answers counted by question; counts below --k are not shown')
    .requiredOption('--by <fields>', 'the questions to count, comma-separated, e.g. ethnicGroup,disability')
    .requiredOption('--user <username>', 'the staff sign-in running it; its roles decide what may be counted')
    .option('--k <n>', `the smallest count shown (${MIN_K} to ${MAX_K})`, String(DEFAULT_K))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'csv']).default('text'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .action(async (opts: EqualityOptions) => {
      const k = parseK(opts.k);
      const by = opts.by
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      await withStore(async (store) => {
        const controllerId = controllerOf(store, opts.controller);
        const call = await staffCall(store, controllerId, opts.user);
        const s = await equalityStatistics(store, call, { by, k });
        emit(opts.format === 'csv' ? statisticsCsv(s) : statisticsText(s), opts.out);
      });
    });
}
