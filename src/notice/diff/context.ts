/** Everything the comparers share: both manifests and their entries paired by id. */
import { lookup, type ManifestLookup } from '../../manifest/lookup.ts';
import type {
  Activity,
  Category,
  Manifest,
  Recipient,
  RetentionRule,
  Subject,
} from '../../manifest/schema.ts';
import { carryIds, matchById, type Matched } from './match.ts';

type Source = Manifest['sources'][number];

export interface DiffContext {
  old: Manifest;
  next: Manifest;
  oldLookup: ManifestLookup;
  nextLookup: ManifestLookup;
  activities: Matched<Activity>;
  subjects: Matched<Subject>;
  categories: Matched<Category>;
  recipients: Matched<Recipient>;
  sources: Matched<Source>;
  retention: Matched<RetentionRule>;
}

export type RenamableCollection =
  'activities' | 'subjects' | 'categories' | 'recipients' | 'sources' | 'retention';

export function diffContext(old: Manifest, next: Manifest): DiffContext {
  return {
    old,
    next,
    oldLookup: lookup(old),
    nextLookup: lookup(next),
    activities: matchById(old.activities, next.activities),
    subjects: matchById(old.subjects, next.subjects),
    categories: matchById(old.categories, next.categories),
    recipients: matchById(old.recipients, next.recipients),
    sources: matchById(old.sources, next.sources),
    retention: matchById(old.retention, next.retention),
  };
}

/** An old manifest's id list in the new manifest's ids. */
export function carry(ctx: DiffContext, collection: RenamableCollection, ids: readonly string[]): string[] {
  return carryIds(ids, ctx[collection].renamed);
}

/** The name of an entry, looked up in whichever manifest still has it. */
export function nameOf(
  ctx: DiffContext,
  collection: Exclude<RenamableCollection, 'retention'>,
  id: string,
): string {
  const entry = ctx.nextLookup[collection].get(id) ?? ctx.oldLookup[collection].get(id);
  return entry?.name ?? id;
}
