/**
 * How long data is kept, compared where people meet it: per activity (and per record type that
 * overrides its activity). A rule edited in place and an activity switched to another rule are the
 * same change to the people affected, so both are compared by content, not by rule id.
 */
import { retentionFor } from '../../manifest/lookup.ts';
import type { Manifest, RetentionRule } from '../../manifest/schema.ts';
import { periodWords } from '../../manifest/words.ts';
import { describeRetention } from '../describe.ts';
import type { DiffContext } from './context.ts';
import { matchById } from './match.ts';
import { compareDurations, comparePeriodsInPractice } from './periods.ts';
import { material, minor, type FoundChange } from './types.ts';
import { excerpt } from './words.ts';

/** How much of the data can outlast the period: erased leaves nothing, reviewed may keep it all. */
const ACTION_RANK = { erase: 0, anonymise: 1, review: 2 } as const;

/**
 * Triggers known to fall no earlier than others: a record is closed or ended after it is made, and
 * someone stops being a customer no earlier than their tenancy ends. Other pairs cannot be ordered.
 */
const LATER_TRIGGERS: Record<string, readonly string[]> = {
  'record-created': ['record-closed', 'record-ended'],
  'tenancy-ended': ['customer-relationship-ended'],
};

type Shift = 'later' | 'earlier' | 'unknown';

function triggerShift(from: string, to: string): Shift {
  if (LATER_TRIGGERS[from]?.includes(to)) return 'later';
  if (LATER_TRIGGERS[to]?.includes(from)) return 'earlier';
  return 'unknown';
}

/** The rule in words built from its terms; its own description may not have been updated. */
function ruleWords(manifest: Manifest, rule: RetentionRule): string {
  return describeRetention(manifest, { ...rule, description: undefined });
}

function periodChange(
  label: string,
  path: string,
  old: RetentionRule,
  next: RetentionRule,
  was: string,
): FoundChange[] {
  const inPractice = comparePeriodsInPractice(next.period, old.period);
  if (inPractice > 0)
    return [material('retention-longer', path, `${label}: we will keep your data for longer: ${was}`)];
  if (inPractice < 0)
    return [minor('retention-shorter', path, `${label}: we will keep your data for less time: ${was}`)];
  if (compareDurations(next.period, old.period) === 0) return [];
  const [now, before] = [periodWords(next.period), periodWords(old.period)];
  return [
    minor(
      'retention-reworded',
      path,
      `${label}: the period is now given as ${now} instead of ${before}, the same in practice`,
    ),
  ];
}

function triggerChange(
  label: string,
  path: string,
  old: RetentionRule,
  next: RetentionRule,
  was: string,
): FoundChange[] {
  if (old.trigger === next.trigger) return [];
  const shift = triggerShift(old.trigger, next.trigger);
  if (shift === 'earlier')
    return [minor('retention-trigger-changed', path, `${label}: the period now starts earlier: ${was}`)];
  const effect =
    shift === 'later'
      ? 'starts later, so we keep your data for longer'
      : 'starts from a different event, which may keep your data for longer';
  return [material('retention-trigger-changed', path, `${label}: the period now ${effect}: ${was}`)];
}

function actionChange(
  label: string,
  path: string,
  old: RetentionRule,
  next: RetentionRule,
  was: string,
): FoundChange[] {
  const shift = ACTION_RANK[next.action] - ACTION_RANK[old.action];
  if (shift > 0)
    return [
      material(
        'retention-action-weakened',
        path,
        `${label}: less of your data is deleted at the end of the period: ${was}`,
      ),
    ];
  if (shift < 0)
    return [
      minor(
        'retention-action-strengthened',
        path,
        `${label}: more of your data is deleted at the end of the period: ${was}`,
      ),
    ];
  return [];
}

function ruleChanges(
  ctx: DiffContext,
  label: string,
  path: string,
  old?: RetentionRule,
  next?: RetentionRule,
): FoundChange[] {
  if (!old && next)
    return [
      minor(
        'retention-added',
        path,
        `${label}: we now say how long we keep your data: ${ruleWords(ctx.next, next)}`,
      ),
    ];
  if (old && !next)
    return [material('retention-removed', path, `${label}: we no longer say how long we keep your data`)];
  if (!old || !next) return [];
  const was = `${ruleWords(ctx.next, next)} (was ${ruleWords(ctx.old, old)})`;
  return [
    ...periodChange(label, path, old, next, was),
    ...triggerChange(label, path, old, next, was),
    ...actionChange(label, path, old, next, was),
  ];
}

function activityRetention(ctx: DiffContext): FoundChange[] {
  return ctx.activities.pairs.flatMap(([old, next]) => {
    const before = old.retention ? ctx.oldLookup.retention.get(old.retention) : undefined;
    const after = next.retention ? ctx.nextLookup.retention.get(next.retention) : undefined;
    return ruleChanges(ctx, next.name, `activities.${next.id}.retention`, before, after);
  });
}

/** Record types that inherit their activity's rule are already covered by the activity. */
function recordTypeRetention(ctx: DiffContext): FoundChange[] {
  return matchById(ctx.old.recordTypes, ctx.next.recordTypes)
    .pairs.filter(([old, next]) => old.retention !== undefined || next.retention !== undefined)
    .flatMap(([old, next]) => {
      const label = `"${next.name}" records`;
      return ruleChanges(
        ctx,
        label,
        `recordTypes.${next.id}.retention`,
        retentionFor(ctx.old, old),
        retentionFor(ctx.next, next),
      );
    });
}

function ruleWording(ctx: DiffContext): FoundChange[] {
  return ctx.retention.pairs
    .filter(
      ([old, next]) =>
        old.name !== next.name || old.description !== next.description || old.basis !== next.basis,
    )
    .map(([, next]) => {
      const words = next.description ?? next.name ?? next.id;
      return minor(
        'wording-changed',
        `retention.${next.id}`,
        `The retention rule "${excerpt(words)}" was reworded`,
      );
    });
}

export function retentionChanges(ctx: DiffContext): FoundChange[] {
  return [...activityRetention(ctx), ...recordTypeRetention(ctx), ...ruleWording(ctx)];
}
