/**
 * `custos retention` hold, event and review: legal holds, the controller events that start
 * retention clocks, and the queue of records waiting for a person to decide. Each is recorded under
 * the staff id given with --by. Output is ids and dates only, never personal data.
 */
import type { Command } from 'commander';
import {
  decideReview,
  enterEvent,
  HOLD_MATTERS,
  listEvents,
  listHolds,
  listReviews,
  placeHold,
  releaseHold,
  type NewHold,
} from '../../retention/index.ts';
import { CliError, controllerOf } from '../io.ts';
import { common, staffCall, withStore, type Common } from './retention-shared.ts';

export function registerHolds(retention: Command): void {
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

export function registerEventsAndReviews(retention: Command): void {
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
