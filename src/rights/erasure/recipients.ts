/**
 * Who must be told of an erasure or a correction (UK GDPR Art. 19): every organisation the
 * disclosure log shows received the person's data, with the day(s) it did, and every recipient
 * the manifest declares for an activity that the changed records serve, who may have received it.
 * Art. 19 excuses telling a recipient only where that is impossible or needs disproportionate
 * effort, so the list errs on the side of telling: the log's recipients are all listed, whichever
 * records they were given.
 */
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest } from '../../manifest/schema.ts';
import type { ActualRecipient, Receipt } from '../../sharing/recipients.ts';

export interface RecipientToTell {
  /** The manifest's recipient id, or `representative:<id>` for a representative acting for the person. */
  id: string;
  name: string;
  role: string | null;
  /** The activities (by name) under which the manifest says the recipient may have had the data. */
  activities: string[];
  /** The disclosures the log shows, oldest first; empty when the recipient only may have received it. */
  received: Receipt[];
}

function declaredFor(manifest: Manifest, recordTypes: Iterable<string>): Map<string, Set<string>> {
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
  return via;
}

/**
 * The recipients to tell: those the log shows received the data first (in the order of their
 * first disclosure), then those the manifest declares for the changed record types that the log
 * does not show (in the manifest's order). `disclosed` comes from sharing's disclosedTo().
 */
export function recipientsToTell(
  manifest: Manifest,
  recordTypes: Iterable<string>,
  disclosed: readonly ActualRecipient[] = [],
): RecipientToTell[] {
  const via = declaredFor(manifest, recordTypes);
  const declared = lookup(manifest).recipients;
  const received = disclosed.map((d) => ({
    id: d.id,
    name: d.name,
    role: d.recipientId ? (declared.get(d.recipientId)?.role ?? null) : null,
    activities: [...(via.get(d.id) ?? [])],
    received: d.received,
  }));
  const logged = new Set(disclosed.map((d) => d.id));
  const mayHave = manifest.recipients
    .filter((r) => via.has(r.id) && !logged.has(r.id))
    .map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role ?? null,
      activities: [...via.get(r.id)!],
      received: [],
    }));
  return [...received, ...mayHave];
}
