/**
 * `custos retention` plan, run, replay, log and certificate: the dry run, the sweep that disposes
 * of what is due, the replay after a restore, and the record of runs. Output is counts and ids only.
 */
import type { Command } from 'commander';
import {
  certificateFor,
  certificateHtml,
  certificatePdf,
  listRuns,
  planRetention,
  replayTombstones,
  runLog,
  runRetention,
} from '../../retention/index.ts';
import { checkExtension, CliError, controllerOf, emit, emitBinary, parseDay } from '../io.ts';
import { common, defaultBy, whole, withStore, type Common } from './retention-shared.ts';
import { CONFIRM_NEEDED, confirmRun, printPlan, progressReporter } from './retention-terminal.ts';

export function registerPlanAndRun(retention: Command): void {
  common(retention.command('plan'))
    .description('a dry run: what each rule would dispose of now, with counts; nothing is changed')
    .option('--as-of <date>', 'plan as of another day (YYYY-MM-DD), e.g. to see what falls due next month')
    .option('--json', 'print the plan as JSON')
    .action(async (opts: Common & { asOf?: string; json?: boolean }) => {
      const day = parseDay('--as-of', opts.asOf);
      await withStore(async (store) => {
        const controllerId = controllerOf(store, opts.controller);
        const asOf = day ? new Date(`${day}T00:00:00Z`) : undefined;
        const [plan] = await planRetention(store, { controllerId, asOf });
        if (opts.json) process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        else printPlan(plan!);
      });
    });
  common(retention.command('run'))
    .description('dispose of everything due now, in batches (one sweeper at a time), and print the run’s log')
    .option('--batch <n>', 'records per transaction (up to 10,000)', whole('batch'), 1000)
    .option('-y, --yes', 'dispose without asking (needed when not run at a terminal, e.g. from cron)')
    .addHelpText(
      'after',
      '\nAt a terminal it shows the plan and asks you to type yes; otherwise give --yes.\nExample: custos retention run --yes --by dpo-1',
    )
    .action(async (opts: Common & { batch: number; yes?: boolean }) => {
      if (!opts.yes && !process.stdin.isTTY) throw new CliError(CONFIRM_NEEDED, 2);
      await withStore(async (store) => {
        const controllerId = controllerOf(store, opts.controller);
        if (!opts.yes) await confirmRun(store, controllerId);
        const progress = progressReporter();
        try {
          const [result] = await runRetention(store, {
            controllerId,
            startedBy: opts.by ?? defaultBy(),
            batchSize: opts.batch,
            onProgress: progress.update,
          });
          progress.stop();
          const r = result!;
          if (r.replayed?.runId)
            process.stdout.write(
              `replayed ${r.replayed.records} record(s) erased since this backup (run ${r.replayed.runId})\n`,
            );
          for (const l of r.log)
            process.stdout.write(
              `  ${l.recordType.padEnd(22)} ${String(l.ruleId).padEnd(24)} ${l.action}: ${l.records} record(s), ${l.mentions} mention(s), ${l.documents} document(s)\n`,
            );
          const gone = r.log.filter((l) => l.action !== 'review').reduce((n, l) => n + l.records, 0);
          process.stdout.write(
            `run ${r.runId}: ${gone} record(s) disposed of; certificate: custos retention certificate ${r.runId}\n`,
          );
        } finally {
          progress.stop();
        }
      });
    });
  common(retention.command('replay'))
    .description(
      'after restoring an older backup of the data: dispose again of everything erased since (tombstones)',
    )
    .option('--all', 'replay every tombstone, not only those since this database’s mark')
    .action(async (opts: Common & { all?: boolean }) => {
      await withStore(async (store) => {
        for (const r of await replayTombstones(store, { startedBy: opts.by ?? defaultBy(), all: opts.all }))
          process.stdout.write(
            `${r.controllerId}: ${r.tombstones} tombstone(s) read; ${r.records} record(s), ${r.documents} document(s), ${r.people} person(s) erased again${r.runId ? ` (run ${r.runId})` : ''}\n`,
          );
      });
    });
}

export function registerLog(retention: Command): void {
  common(retention.command('log'))
    .description('the disposal log: recent runs, who started them, and what went (counts only)')
    .option('--limit <n>', 'how many runs', whole('limit'), 20)
    .action(async (opts: Common & { limit: number }) => {
      await withStore(async (store) => {
        const controllerId = controllerOf(store, opts.controller);
        for (const run of await listRuns(store.db, controllerId, opts.limit)) {
          const lines = await runLog(store.db, run.id);
          const gone = lines.filter((l) => l.action !== 'review').reduce((n, l) => n + l.records, 0);
          process.stdout.write(
            `${run.startedAt.toISOString()} ${run.id} ${run.kind} by ${run.startedBy}: ${run.status}, ${gone} record(s) disposed of\n`,
          );
        }
      });
    });
  common(retention.command('certificate <run-id>'))
    .description('the certificate of one run for the DPO')
    .option('--format <format>', 'html or pdf', 'html')
    .option('--out <file>', 'write to this file')
    .action(async (runId: string, opts: Common & { format: string; out?: string }) => {
      if (!['html', 'pdf'].includes(opts.format)) throw new CliError('--format must be html or pdf', 2);
      checkExtension(opts.out, opts.format, { html: 'html', pdf: 'pdf' });
      await withStore(async (store) => {
        const cert = await certificateFor(store, runId);
        if (opts.format === 'pdf') emitBinary(await certificatePdf(cert), opts.out, 'a PDF');
        else emit(certificateHtml(cert), opts.out);
      });
    });
}
