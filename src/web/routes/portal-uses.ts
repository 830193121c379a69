/**
 * The uses of a resident's information that apply to them, from the manifest: the activities the
 * kinds of record on their file serve, as "The information we hold about you" lists them (the
 * rights purpose left out: it is how they see this). The disclosures page lists the routine sharing
 * these declare, and the objection form offers those the right to object covers.
 */
import { lookup } from '../../manifest/lookup.ts';
import type { Activity } from '../../manifest/schema.ts';
import { readPersonFile } from '../../records/records.ts';
import type { Call } from '../../records/store.ts';
import type { WebContext } from '../context.ts';

/** The activities served by these kinds of record, in the manifest's order. */
export function activitiesOf(ctx: WebContext, recordTypes: Iterable<string>): Activity[] {
  const l = lookup(ctx.manifest);
  const wanted = new Set<string>();
  for (const id of recordTypes) l.recordTypes.get(id)?.activities.forEach((a) => wanted.add(a));
  wanted.delete(ctx.options.rightsPurpose);
  return ctx.manifest.activities.filter((a) => wanted.has(a.id));
}

/** The activities that use the person's information: their file is read as them (audited). */
export async function yourActivities(ctx: WebContext, call: Call, personId: string): Promise<Activity[]> {
  const file = await readPersonFile(ctx.store, call, personId);
  return activitiesOf(
    ctx,
    file.records.map((r) => r.recordType),
  );
}
