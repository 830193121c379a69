/**
 * Who must be told of an erasure or a correction (UK GDPR Art. 19): each recipient the manifest
 * declares for an activity that the changed records serve. Until the disclosure log exists this
 * is who may have received the data, not who did; Art. 19 excuses telling a recipient only where
 * that is impossible or needs disproportionate effort, so the list errs on the side of telling.
 */
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest } from '../../manifest/schema.ts';

export interface RecipientToTell {
  id: string;
  name: string;
  role: string | null;
  /** The activities (by name) under which the recipient may have had the data. */
  activities: string[];
}

export function recipientsToTell(manifest: Manifest, recordTypes: Iterable<string>): RecipientToTell[] {
  const l = lookup(manifest);
  const via = new Map<string, Set<string>>();
  for (const typeId of new Set(recordTypes)) {
    for (const activityId of l.recordTypes.get(typeId)?.activities ?? []) {
      const activity = l.activities.get(activityId);
      for (const r of activity?.recipients ?? []) {
        const names = via.get(r) ?? new Set<string>();
        names.add(activity!.name);
        via.set(r, names);
      }
    }
  }
  return manifest.recipients
    .filter((r) => via.has(r.id))
    .map((r) => ({ id: r.id, name: r.name, role: r.role ?? null, activities: [...via.get(r.id)!] }));
}
