/**
 * What a sweep shows at the terminal: the plan's counts, the question before disposing, and the
 * progress of a run. Counts and ids only, never personal data.
 */
import { createInterface } from 'node:readline/promises';
import cliProgress from 'cli-progress';
import type { Store } from '../../records/store.ts';
import { planRetention, type RetentionPlan, type SweepProgress } from '../../retention/index.ts';
import { CliError } from '../io.ts';

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
export async function confirmRun(store: Store, controllerId: string): Promise<void> {
  const [plan] = await planRetention(store, { controllerId });
  printPlan(plan!);
  const { gone, review } = planTotals(plan!);
  const answer = await ask(
    `Dispose of ${gone} record(s) and queue ${review} for review now? This cannot be undone. Type yes to go on: `,
  );
  if (answer.trim().toLowerCase() !== 'yes') throw new CliError('not confirmed: nothing was disposed of');
}

export function printPlan(plan: RetentionPlan): void {
  const out = [
    `retention plan for ${plan.controllerId} as of ${plan.asOf.toISOString()} (nothing has been changed)`,
  ];
  for (const l of plan.lines) {
    const what = l.action === 'review' ? 'to review' : l.action === 'anonymise' ? 'to anonymise' : 'to erase';
    const held = l.held ? `, ${l.held} held` : '';
    const waiting = l.waiting ? ` (waiting: ${l.waiting})` : '';
    out.push(
      `  ${l.recordType.padEnd(22)} ${l.ruleId.padEnd(24)} ${l.schedule}: ${l.due} ${what}${held}${waiting}`,
    );
  }
  const { gone, review } = planTotals(plan);
  out.push(`  in all: ${gone} record(s) would go, ${review} would be queued for review`);
  out.push(`  legal holds in force: ${plan.holds.inForce} (${plan.holds.reviewDue} due for review)`);
  out.push(`  review queue: ${plan.reviews.pending} waiting, ${plan.reviews.kept} kept until a later date`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** A bar on a terminal; otherwise a line every tenth of the way, for logs. Counts only. */
export function progressReporter(): { update: (p: SweepProgress) => void; stop: () => void } {
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
