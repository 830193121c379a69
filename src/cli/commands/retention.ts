/**
 * `custos retention`: the dry-run plan, sweeps with a progress bar, legal holds, controller events,
 * the review queue, certificates and the replay after a restore. Thin over src/retention/; the
 * subcommands live in retention-sweeps.ts and retention-holds.ts.
 * Output is counts and ids only, never personal data.
 */
import type { Command } from 'commander';
import { registerEventsAndReviews, registerHolds } from './retention-holds.ts';
import { registerLog, registerPlanAndRun } from './retention-sweeps.ts';

export { CONFIRM_NEEDED } from './retention-terminal.ts';

export function registerRetention(program: Command): void {
  const retention = program
    .command('retention')
    .description('retention that runs itself: plan, run, holds, reviews');
  registerPlanAndRun(retention);
  registerLog(retention);
  registerHolds(retention);
  registerEventsAndReviews(retention);
}
