/**
 * The manifest's catalogues of people, data, sources and recipients. Most of what matters here is
 * reported per activity, where people meet it; these are the changes to the entries themselves.
 */
import type { Category, Recipient, Subject } from '../../manifest/schema.ts';
import { categoryKinds } from '../../manifest/schema.ts';
import type { DiffContext } from './context.ts';
import { listChanges } from './match.ts';
import { material, materialIf, minor, type FoundChange } from './types.ts';
import { countryName, termWords } from './words.ts';

interface Worded {
  id: string;
  name: string;
  description?: string | undefined;
}

function reworded<T extends Worded>(
  collection: string,
  pairs: [T, T][],
  extra: (a: T, b: T) => boolean = () => false,
) {
  return pairs
    .filter(
      ([old, next]) => old.name !== next.name || old.description !== next.description || extra(old, next),
    )
    .map(([old, next]) => {
      const renamed =
        old.name !== next.name ? `"${old.name}" is now called "${next.name}"` : `"${next.name}" was reworded`;
      return minor('wording-changed', `${collection}.${next.id}`, renamed);
    });
}

const KIND_WORDS = {
  ordinary: 'ordinary personal data',
  special: 'special category data',
  criminal: 'criminal offence data',
} as const;

/** Data now counted as special category or criminal offence data needs a condition people are told about. */
function categoryKindChanges(pairs: [Category, Category][]): FoundChange[] {
  const rank = (category: Category) => categoryKinds.indexOf(category.kind);
  return pairs
    .filter(([old, next]) => old.kind !== next.kind)
    .map(([old, next]) =>
      materialIf(
        rank(next) > rank(old),
        'category-reclassified',
        `categories.${next.id}.kind`,
        `"${next.name}" is now treated as ${KIND_WORDS[next.kind]} (was ${KIND_WORDS[old.kind]})`,
      ),
    );
}

/** New data types within a category are new data collected, even though the category's name stayed. */
function categoryTermChanges(pairs: [Category, Category][]): FoundChange[] {
  return pairs.flatMap(([old, next]) => {
    const { added, removed } = listChanges(old.dpv, next.dpv);
    const path = `categories.${next.id}.dpv`;
    return [
      ...(added.length
        ? [
            material(
              'category-widened',
              path,
              `"${next.name}" now also covers ${added.map(termWords).join(', ')}`,
            ),
          ]
        : []),
      ...(removed.length
        ? [
            minor(
              'category-narrowed',
              path,
              `"${next.name}" no longer covers ${removed.map(termWords).join(', ')}`,
            ),
          ]
        : []),
    ];
  });
}

function categoryChanges(ctx: DiffContext): FoundChange[] {
  const { pairs } = ctx.categories;
  const examplesChanged = (a: Category, b: Category) => a.examples.join('\n') !== b.examples.join('\n');
  return [
    ...categoryKindChanges(pairs),
    ...categoryTermChanges(pairs),
    ...reworded('categories', pairs, examplesChanged),
  ];
}

function subjectChanges(ctx: DiffContext): FoundChange[] {
  const { pairs } = ctx.subjects;
  const nowChildren = pairs
    .filter(([old, next]) => !old.mayBeChild && next.mayBeChild)
    .map(([, next]: [Subject, Subject]) =>
      material(
        'children-included',
        `subjects.${next.id}.mayBeChild`,
        `"${next.name}" may now include children`,
      ),
    );
  return [...nowChildren, ...reworded('subjects', pairs)];
}

/** Recipients used by activities that existed before are reported on those activities instead. */
function recipientsAddedOverall(ctx: DiffContext): FoundChange[] {
  const reportedOnActivities = new Set(ctx.activities.pairs.flatMap(([, next]) => next.recipients));
  return ctx.recipients.added
    .filter((recipient) => !reportedOnActivities.has(recipient.id))
    .map((recipient) =>
      material('recipient-added', `recipients.${recipient.id}`, `We now share data with "${recipient.name}"`),
    );
}

function recipientsRemovedOverall(ctx: DiffContext): FoundChange[] {
  const reportedOnActivities = new Set(ctx.activities.pairs.flatMap(([old]) => old.recipients));
  return ctx.recipients.removed
    .filter((recipient) => !reportedOnActivities.has(recipient.id))
    .map((recipient) =>
      minor(
        'recipient-removed',
        `recipients.${recipient.id}`,
        `We no longer share data with "${recipient.name}"`,
      ),
    );
}

const ROLE_WORDS = {
  processor: 'a processor acting for us',
  controller: 'a controller in its own right',
  'joint-controller': 'a joint controller with us',
  'public-authority': 'a public authority',
} as const;

function roleWords(role: Recipient['role']): string {
  return role ? ROLE_WORDS[role] : 'a recipient';
}

/** A recipient moving abroad takes your data abroad with it. */
function recipientDetailChanges([old, next]: [Recipient, Recipient]): FoundChange[] {
  const path = `recipients.${next.id}`;
  const changes: FoundChange[] = [];
  if (old.country !== next.country) {
    const summary = `"${next.name}" is now based in ${countryName(next.country)} (was ${countryName(old.country)})`;
    changes.push(materialIf(next.country !== 'GB', 'recipient-country-changed', `${path}.country`, summary));
  }
  if (old.role !== next.role) {
    const [now, was] = [roleWords(next.role), roleWords(old.role)];
    changes.push(
      minor('recipient-changed', `${path}.role`, `"${next.name}" now receives data as ${now} (was ${was})`),
    );
  }
  return changes;
}

function recipientChanges(ctx: DiffContext): FoundChange[] {
  const { pairs } = ctx.recipients;
  const noticeChanged = (a: Recipient, b: Recipient) => a.notice !== b.notice;
  return [
    ...recipientsAddedOverall(ctx),
    ...pairs.flatMap(recipientDetailChanges),
    ...reworded('recipients', pairs, noticeChanged),
    ...recipientsRemovedOverall(ctx),
  ];
}

function sourceChanges(ctx: DiffContext): FoundChange[] {
  const { pairs } = ctx.sources;
  const kindChanges = pairs
    .filter(([old, next]) => old.kind !== next.kind)
    .map(([old, next]) =>
      minor(
        'source-changed',
        `sources.${next.id}.kind`,
        `"${next.name}" is now a ${next.kind} source (was ${old.kind})`,
      ),
    );
  return [...kindChanges, ...reworded('sources', pairs)];
}

export function catalogueChanges(ctx: DiffContext): FoundChange[] {
  return [...subjectChanges(ctx), ...categoryChanges(ctx), ...sourceChanges(ctx), ...recipientChanges(ctx)];
}
