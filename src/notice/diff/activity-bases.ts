/** An activity's lawful bases, compared category by category, and the rights they carry. */
import { basisCategories } from '../../manifest/lookup.ts';
import type { Activity, LawfulBasis } from '../../manifest/schema.ts';
import { LAWFUL_BASES, RIGHTS, type LawfulBasisId } from '../../manifest/vocabulary/law.ts';
import { rightsForActivity } from '../describe.ts';
import { carry, nameOf, type DiffContext } from './context.ts';
import { listChanges } from './match.ts';
import { material, minor, type FoundChange } from './types.ts';

type Pair = [old: Activity, next: Activity];

/** A basis as people are told it: the Art. 6 basis and, for special category data, the Art. 9 condition. */
function basisTerm(basis: LawfulBasis): string {
  return basis.art9 ? `${basis.basis}+${basis.art9}` : basis.basis;
}

function basisTermWords(term: string): string {
  const [basis, art9] = term.split('+');
  const label = LAWFUL_BASES[basis as LawfulBasisId]?.label.toLowerCase() ?? basis;
  return art9 ? `${label} with Article 9(2)(${art9})` : (label ?? term);
}

function setWords(terms: string): string {
  return terms === '' ? 'no lawful basis' : terms.split(',').map(basisTermWords).join(' and ');
}

/** Category id → the bases covering it, as a sorted comma-joined key, in the new manifest's ids. */
function basesByCategory(ctx: DiffContext, activity: Activity, isOld: boolean): Map<string, string> {
  const ids = (list: readonly string[]) => (isOld ? carry(ctx, 'categories', list) : [...list]);
  const terms = new Map<string, Set<string>>(ids(activity.categories).map((id) => [id, new Set()]));
  for (const basis of activity.lawfulBases) {
    for (const id of ids(basisCategories(activity, basis))) terms.get(id)?.add(basisTerm(basis));
  }
  return new Map([...terms].map(([id, set]) => [id, [...set].sort().join(',')]));
}

function basisChanges(ctx: DiffContext, [old, next]: Pair): FoundChange[] {
  const before = basesByCategory(ctx, old, true);
  const after = basesByCategory(ctx, next, false);
  const moved = new Map<string, string[]>();
  for (const [id, terms] of after) {
    const previous = before.get(id);
    if (previous === undefined || previous === terms) continue;
    const key = `${previous}→${terms}`;
    moved.set(key, [...(moved.get(key) ?? []), id]);
  }
  const path = `activities.${next.id}.lawfulBases`;
  return [...moved].map(([key, ids]) => {
    const [from = '', to = ''] = key.split('→');
    const scope =
      ids.length === after.size
        ? ''
        : ` for ${ids.map((id) => `"${nameOf(ctx, 'categories', id)}"`).join(', ')}`;
    return material(
      'basis-changed',
      path,
      `${next.name}: we now rely on ${setWords(to)} instead of ${setWords(from)}${scope}`,
    );
  });
}

/** The words around a basis (the law relied on, the interest pursued), without which categories it covers. */
function basisWording(activity: Activity): string {
  return JSON.stringify(activity.lawfulBases.map((basis) => ({ ...basis, categories: undefined })));
}

function rightChanges([old, next]: Pair): FoundChange[] {
  const path = `activities.${next.id}.lawfulBases`;
  const { added, removed } = listChanges(rightsForActivity(old), rightsForActivity(next));
  const words = (right: keyof typeof RIGHTS) => RIGHTS[right].label.toLowerCase();
  return [
    ...removed.map((right) =>
      material('right-removed', path, `${next.name}: you no longer have ${words(right)}`),
    ),
    ...added.map((right) => minor('right-added', path, `${next.name}: you now also have ${words(right)}`)),
  ];
}

export function activityBasisChanges(ctx: DiffContext, pair: Pair): FoundChange[] {
  const [old, next] = pair;
  const changed = basisChanges(ctx, pair);
  const reworded =
    changed.length === 0 && basisWording(old) !== basisWording(next)
      ? [
          minor(
            'wording-changed',
            `activities.${next.id}.lawfulBases`,
            `${next.name}: the explanation of the lawful basis was reworded`,
          ),
        ]
      : [];
  return [...changed, ...reworded, ...rightChanges(pair)];
}
