/** Who an activity's data is about, what it holds, where it comes from and who receives it. */
import type { Activity } from '../../manifest/schema.ts';
import { carry, nameOf, type DiffContext } from './context.ts';
import { listChanges } from './match.ts';
import { material, materialIf, minor, type FoundChange } from './types.ts';

type Pair = [old: Activity, next: Activity];

function recipientChanges(ctx: DiffContext, [old, next]: Pair): FoundChange[] {
  const path = `activities.${next.id}.recipients`;
  const { added, removed } = listChanges(carry(ctx, 'recipients', old.recipients), next.recipients);
  return [
    ...added.map((id) =>
      material(
        'recipient-added',
        path,
        `${next.name}: we now share your data with "${nameOf(ctx, 'recipients', id)}"`,
      ),
    ),
    ...removed.map((id) =>
      minor(
        'recipient-removed',
        path,
        `${next.name}: we no longer share your data with "${nameOf(ctx, 'recipients', id)}"`,
      ),
    ),
  ];
}

/** Special category and criminal offence data need their own condition, so they get their own kinds. */
const CATEGORY_ADDED = {
  ordinary: { kind: 'category-added', note: '' },
  special: { kind: 'special-category-added', note: ' (special category data)' },
  criminal: { kind: 'criminal-category-added', note: ' (criminal offence data)' },
} as const;

function categoryChanges(ctx: DiffContext, [old, next]: Pair): FoundChange[] {
  const path = `activities.${next.id}.categories`;
  const { added, removed } = listChanges(carry(ctx, 'categories', old.categories), next.categories);
  return [
    ...added.map((id) => {
      const { kind, note } = CATEGORY_ADDED[ctx.nextLookup.categories.get(id)?.kind ?? 'ordinary'];
      return material(kind, path, `${next.name}: we now also use "${nameOf(ctx, 'categories', id)}"${note}`);
    }),
    ...removed.map((id) =>
      minor('category-removed', path, `${next.name}: we no longer use "${nameOf(ctx, 'categories', id)}"`),
    ),
  ];
}

function subjectChanges(ctx: DiffContext, [old, next]: Pair): FoundChange[] {
  const path = `activities.${next.id}.subjects`;
  const { added, removed } = listChanges(carry(ctx, 'subjects', old.subjects), next.subjects);
  return [
    ...added.map((id) =>
      material(
        'subject-added',
        path,
        `${next.name}: now also uses data about "${nameOf(ctx, 'subjects', id)}"`,
      ),
    ),
    ...removed.map((id) =>
      minor(
        'subject-removed',
        path,
        `${next.name}: no longer uses data about "${nameOf(ctx, 'subjects', id)}"`,
      ),
    ),
  ];
}

/**
 * A new source other than the person themselves is material: Art. 14(2)(f) makes the source part
 * of what people are told, and they have not been told about this one.
 */
function sourceChanges(ctx: DiffContext, [old, next]: Pair): FoundChange[] {
  const path = `activities.${next.id}.sources`;
  const { added, removed } = listChanges(carry(ctx, 'sources', old.sources), next.sources);
  return [
    ...added.map((id) => {
      const fromElsewhere = ctx.nextLookup.sources.get(id)?.kind !== 'data-subject';
      const summary = `${next.name}: we now also get your data from "${nameOf(ctx, 'sources', id)}"`;
      return materialIf(fromElsewhere, 'source-added', path, summary);
    }),
    ...removed.map((id) =>
      minor(
        'source-removed',
        path,
        `${next.name}: we no longer get your data from "${nameOf(ctx, 'sources', id)}"`,
      ),
    ),
  ];
}

export function activityDataChanges(ctx: DiffContext, pair: Pair): FoundChange[] {
  return [
    ...subjectChanges(ctx, pair),
    ...categoryChanges(ctx, pair),
    ...sourceChanges(ctx, pair),
    ...recipientChanges(ctx, pair),
  ];
}
