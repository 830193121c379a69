/**
 * `custos retention`: the dry-run plan, sweeps with a progress bar, legal holds, controller events,
 * the review queue, certificates and the replay after a restore. Thin over src/retention/.
 * Output is counts and ids only, never personal data.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Call, Store } from '../../records/store.ts';
import {
  certificateFor,
  certificateHtml,
  certificatePdf,
  decideReview,
  enterEvent,
  HOLD_MATTERS,
  listEvents,
  listHolds,
  listReviews,
  listRuns,
  placeHold,
  planRetention,
  releaseHold,
  replayTombstones,
  RetentionInputError,
  runLog,
  runRetention,
  SweepInProgress,
  type NewHold,
  type RetentionPlan,
  type SweepProgress,
} from '../../retention/index.ts';
import {
  checkExtension,
  CliError,
  controllerOf,
  emit,
  emitBinary,
  parseDay,
  withStore as withAnyStore,
} from '../io.ts';

interface Common {
  controller?: string;
  by?: string;
}

const defaultBy = (): string => `cli:${userInfo().username}`;

const whole = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new CliError(`--${name} must be a whole number of at least 1`, 2);
  return Number(value);
};

/** The store around a retention command: the module's refusals are one line; a sweep already running is 75. */
const withStore = (fn: (store: Store) => Promise<void>) =>
  withAnyStore(fn, (error) => {
    if (error instanceof RetentionInputError) return new CliError(error.message);
    if (error instanceof SweepInProgress) return new CliError(error.message, 75);
    return undefined;
  });

/** The person at the command line, as a staff actor: holds, events and reviews are recorded under their id. */
function staffCall(controllerId: string, by: string | undefined): Call {
  return {
    actor: { id: by ?? defaultBy(), kind: 'staff', controllerId, roles: [] },
    purpose: undefined,
    channel: 'cli',
  };
}

const common = (c: Command) =>
  c
    .option('--controller <id>', 'the controller, when several manifests are loaded')
    .option('--by <staff-id>', 'who is acting, for the log and the audit (default: cli:<your user name>)');

/** Records that would go, and records that would be queued for a person to review. */
function planTotals(plan: RetentionPlan): { gone: number; review: number } {
  const gone = plan.lines.reduce((n, l) => n + (l.action === 'review' ? 0 : l.due), 0);
  const review = plan.lines.reduce((n, l) => n + (l.action === 'review' ? l.due : 0), 0);
  return { gone, review };
}

/** One line typed at the terminal (stderr carries the question, so stdout stays the run's output). */
async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await new Promise<string>((resolve) => {
      rl.once('close', () => resolve(''));
      rl.question(question).then(resolve, () => resolve(''));
    });
  } finally {
    rl.close();
  }
}

export const CONFIRM_NEEDED =
  'retention run disposes of records for good: give --yes to confirm (custos retention plan shows what would go)';

/**
 * Disposal cannot be undone, so a run needs a yes: --yes, or at a terminal the plan's counts and
 * "yes" typed in answer. Anything else changes nothing.
 */
async function confirmRun(store: Store, controllerId: string): Promise<void> {
  const [plan] = await planRetention(store, { controllerId });
  printPlan(plan!);
  const { gone, review } = planTotals(plan!);
  const answer = await ask(
    `Dispose of ${gone} record(s) and queue ${review} for review now? This cannot be undone. Type yes to go on: `,
  );
  if (answer.trim().toLowerCase() !== 'yes') throw new CliError('not confirmed: nothing was disposed of');
}

function printPlan(plan: RetentionPlan): void {
  const out = [
    `retention plan for ${plan.controllerId} as of ${plan.asOf.toISOString()} (nothing has been changed)`,
  ];
  for (const l of plan.lines) {
    const what = l.action === 'review' ? 'to review' : l.action === 'anonymise' ? 'to anonymise' : 'to erase';
    const held = l.held ? `, ${l.held} held` : '';
    const waiting = l.waiting ? ` (waiting: ${l.waiting})` : '';
    out.push(
      `  ${l.recordType.padEnd(22)} ${l.ruleId.padEnd(24)} ${l.trigger} + ${l.period}: ${l.due} ${what}${held}${waiting}`,
    );
  }
  const { gone, review } = planTotals(plan);
  out.push(`  in all: ${gone} record(s) would go, ${review} would be queued for review`);
  out.push(`  legal holds in force: ${plan.holds.inForce} (${plan.holds.reviewDue} due for review)`);
  out.push(`  review queue: ${plan.reviews.pending} waiting, ${plan.reviews.kept} kept until a later date`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** A bar on a terminal; otherwise a line every tenth of the way, for logs. Counts only. */
function progressReporter(): { update: (p: SweepProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'retention |{bar}| {value}/{total} records | {eta_formatted}' },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        if (!started) bar.start(p.total, p.done);
        started = true;
        bar.update(p.done);
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let next = 0;
  return {
    update: (p) => {
      if (p.total === 0 || (p.done / p.total < next && p.done < p.total)) return;
      next = Math.floor((p.done / p.total) * 10 + 1) / 10;
      process.stderr.write(`retention: ${p.done}/${p.total} records\n`);
    },
    stop: () => undefined,
  };
}

function registerPlanAndRun(retention: Command): void {
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

function registerLog(retention: Command): void {
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

function registerHolds(retention: Command): void {
  const hold = retention.command('hold').description('legal holds: what they cover is never disposed of');
  common(hold.command('place'))
    .description('place a legal hold on a person, a record, a household or a case')
    .option('--person <id>')
    .option('--record <id>')
    .option('--household <id>')
    .option('--case <id>', 'a case record: holds it and everyone involved in it')
    .requiredOption('--matter <matter>', HOLD_MATTERS.join(', '))
    .requiredOption('--reason <text>', 'what the hold is for, e.g. a claim number (no personal data)')
    .requiredOption('--owner <who>', 'who answers for the hold')
    .requiredOption('--review <date>', 'when to look at it again (YYYY-MM-DD)')
    .action(
      async (
        opts: Common &
          Record<'person' | 'record' | 'household' | 'case', string | undefined> &
          Record<'matter' | 'reason' | 'owner' | 'review', string>,
      ) => {
        const targets = (['person', 'record', 'household', 'case'] as const).filter((k) => opts[k]);
        if (targets.length !== 1)
          throw new CliError('give exactly one of --person, --record, --household or --case', 2);
        const target = targets[0]!;
        await withStore(async (store) => {
          const controllerId = controllerOf(store, opts.controller);
          const input: NewHold = {
            controllerId,
            target,
            targetId: opts[target]!,
            matter: opts.matter as NewHold['matter'],
            reason: opts.reason,
            owner: opts.owner,
            reviewOn: opts.review,
          };
          const placed = await placeHold(store, staffCall(controllerId, opts.by), input);
          process.stdout.write(
            `legal hold ${placed.id} placed on the ${target}; review by ${placed.reviewOn}\n`,
          );
        });
      },
    );
  common(hold.command('list'))
    .description('legal holds in force')
    .option('--all', 'released holds too')
    .action(async (opts: Common & { all?: boolean }) => {
      await withStore(async (store) => {
        const controllerId = controllerOf(store, opts.controller);
        for (const h of await listHolds(store.db, controllerId, opts.all))
          process.stdout.write(
            `${h.id} ${h.target} ${h.targetId} ${h.matter} owner ${h.owner} review ${h.reviewOn}${h.releasedAt ? ` released ${h.releasedAt.toISOString()}` : ''}\n`,
          );
      });
    });
  common(hold.command('release <hold-id>'))
    .description('release a legal hold; what it covered becomes due again at the next sweep')
    .requiredOption('--reason <text>', 'why it is released')
    .action(async (holdId: string, opts: Common & { reason: string }) => {
      await withStore(async (store) => {
        const controllerId = controllerOf(store, opts.controller);
        await releaseHold(store, staffCall(controllerId, opts.by), controllerId, holdId, opts.reason);
        process.stdout.write(`legal hold ${holdId} released\n`);
      });
    });
}

function registerEventsAndReviews(retention: Command): void {
  const event = retention.command('event').description('controller events that start retention clocks');
  common(event.command('enter <event-id>'))
    .description('enter the day a controller event happened (declared under "events" in the manifest)')
    .requiredOption('--on <date>', 'the day it happened (YYYY-MM-DD)')
    .option('--replace', 'correct a day entered before')
    .action(async (eventId: string, opts: Common & { on: string; replace?: boolean }) => {
      await withStore(async (store) => {
        const controllerId = controllerOf(store, opts.controller);
        await enterEvent(store, staffCall(controllerId, opts.by), {
          controllerId,
          eventId,
          occurredOn: opts.on,
          replace: opts.replace,
        });
        process.stdout.write(`event ${eventId} entered as ${opts.on}\n`);
      });
    });
  common(event.command('list'))
    .description('controller events entered so far')
    .action(async (opts: Common) => {
      await withStore(async (store) => {
        for (const e of await listEvents(store.db, controllerOf(store, opts.controller)))
          process.stdout.write(`${e.eventId} ${e.occurredOn} entered by ${e.enteredBy}\n`);
      });
    });
  const review = retention.command('review').description('records waiting for a person to decide');
  common(review.command('list'))
    .description('the review queue')
    .action(async (opts: Common) => {
      await withStore(async (store) => {
        for (const r of await listReviews(store.db, controllerOf(store, opts.controller)))
          process.stdout.write(
            `${r.recordId} ${r.recordType} ${r.ruleId} queued ${r.queuedAt.toISOString().slice(0, 10)}\n`,
          );
      });
    });
  common(review.command('keep <record-id>'))
    .description('keep a record until a later day, when it comes back for review')
    .requiredOption('--until <date>', 'YYYY-MM-DD')
    .action(async (recordId: string, opts: Common & { until: string }) => {
      await withStore(async (store) => {
        const controllerId = controllerOf(store, opts.controller);
        await decideReview(store, staffCall(controllerId, opts.by), controllerId, recordId, {
          decision: 'keep',
          keepUntil: opts.until,
        });
        process.stdout.write(`record ${recordId} kept until ${opts.until}\n`);
      });
    });
  common(review.command('dispose <record-id>'))
    .description('erase a record now, as decided on review (a legal hold still stops it)')
    .action(async (recordId: string, opts: Common) => {
      await withStore(async (store) => {
        const controllerId = controllerOf(store, opts.controller);
        const { runId } = await decideReview(
          store,
          staffCall(controllerId, opts.by),
          controllerId,
          recordId,
          { decision: 'dispose' },
        );
        process.stdout.write(`record ${recordId} erased (run ${runId})\n`);
      });
    });
}

export function registerRetention(program: Command): void {
  const retention = program
    .command('retention')
    .description('retention that runs itself: plan, run, holds, reviews');
  registerPlanAndRun(retention);
  registerLog(retention);
  registerHolds(retention);
  registerEventsAndReviews(retention);
}
