/**
 * The activities a record type is held for and the lawful bases they rest on, as the manifest
 * declares them. An activity that serves every record type (answering rights requests reads
 * everything) is left out: it uses what is held but is never a reason to hold it.
 */
import { basisCategories, lookup } from '../../manifest/lookup.ts';
import type { Activity, LawfulBasis, Manifest, RecordType } from '../../manifest/schema.ts';

function crossCutting(manifest: Manifest, activityId: string): boolean {
  const types = manifest.recordTypes;
  return types.length > 1 && types.every((t) => t.activities.includes(activityId));
}

/** The activities a record of this type is held for, in the order the type lists them. */
export function servingActivities(manifest: Manifest, type: RecordType): Activity[] {
  const l = lookup(manifest);
  const all = type.activities.map((id) => l.activities.get(id)).filter((a): a is Activity => !!a);
  const own = all.filter((a) => !crossCutting(manifest, a.id));
  return own.length > 0 ? own : all;
}

export interface HeldUnder {
  activity: Activity;
  basis: LawfulBasis;
}

/** Each lawful basis that covers at least one of the type's fields, with its activity. */
export function basesFor(manifest: Manifest, type: RecordType): HeldUnder[] {
  const categories = new Set(type.fields.map((f) => f.category));
  return servingActivities(manifest, type).flatMap((activity) =>
    activity.lawfulBases
      .filter((basis) => basisCategories(activity, basis).some((c) => categories.has(c)))
      .map((basis) => ({ activity, basis })),
  );
}
