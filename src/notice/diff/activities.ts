/** Purposes (activities): new and dropped ones, and everything that changed within one. */
import type { Activity } from '../../manifest/schema.ts';
import { activityBasisChanges } from './activity-bases.ts';
import { activityDataChanges } from './activity-data.ts';
import { activityExtraChanges } from './activity-extras.ts';
import type { DiffContext } from './context.ts';
import { material, minor, type FoundChange } from './types.ts';
import { excerpt } from './words.ts';

type Pair = [old: Activity, next: Activity];

/** Text fields people read in the notice; changing the words alone needs no advance notice. */
const WORDED_FIELDS = ['purpose', 'function'] as const;

function wordingChanges([old, next]: Pair): FoundChange[] {
  const path = `activities.${next.id}`;
  const changes: FoundChange[] = [];
  if (old.name !== next.name)
    changes.push(minor('wording-changed', `${path}.name`, `"${old.name}" is now called "${next.name}"`));
  for (const field of WORDED_FIELDS) {
    const now = next[field];
    if (old[field] !== now) {
      const summary = now
        ? `${next.name}: the ${field} now reads "${excerpt(now)}"`
        : `${next.name}: the ${field} was removed`;
      changes.push(minor('wording-changed', `${path}.${field}`, summary));
    }
  }
  if (JSON.stringify(old.justInTime) !== JSON.stringify(next.justInTime)) {
    changes.push(
      minor(
        'wording-changed',
        `${path}.justInTime`,
        `${next.name}: the short notice where we collect your data was reworded`,
      ),
    );
  }
  return changes;
}

function roleChanges([old, next]: Pair): FoundChange[] {
  if (old.role === next.role && old.onBehalfOf === next.onBehalfOf) return [];
  return [
    minor(
      'role-changed',
      `activities.${next.id}.role`,
      `${next.name}: we now act as ${next.role} (was ${old.role})`,
    ),
  ];
}

function activityChanges(ctx: DiffContext, pair: Pair): FoundChange[] {
  return [
    ...activityDataChanges(ctx, pair),
    ...activityBasisChanges(ctx, pair),
    ...activityExtraChanges(ctx, pair),
    ...roleChanges(pair),
    ...wordingChanges(pair),
  ];
}

export function activitiesChanges(ctx: DiffContext): FoundChange[] {
  const { added, removed, pairs } = ctx.activities;
  return [
    ...added.map((a) =>
      material('purpose-added', `activities.${a.id}`, `New purpose "${a.name}": ${a.purpose.trim()}`),
    ),
    ...pairs.flatMap((pair) => activityChanges(ctx, pair)),
    ...removed.map((a) =>
      minor('purpose-removed', `activities.${a.id}`, `We no longer use your data for "${a.name}"`),
    ),
  ];
}
