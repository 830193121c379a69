/**
 * What the right to data portability covers (UK GDPR Art. 20; uk-rules.md §2): data the person
 * provided (an activity collecting from the data subject, or observing their use of a service),
 * processed on consent or contract. From the manifest, per record type: the fields whose category
 * a consent or contract basis of such an activity covers. Legal obligation, public task and
 * legitimate interests give no portability.
 *
 * The manifest says where an activity's data comes from, not each field's, so a field is counted
 * as provided when its activity collects from the person at all.
 */
import { basisCategories } from '../../manifest/lookup.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { lookup } from '../../manifest/lookup.ts';
import { servingActivities } from '../erasure/bases.ts';

const PORTABLE_BASES = ['consent', 'contract'];
const PROVIDED_SOURCES = ['data-subject', 'observed'];

export interface PortableType {
  recordType: string;
  fields: string[];
  /** The activities (by id) whose consent or contract basis makes these fields portable. */
  activities: string[];
}

export function portableTypes(manifest: Manifest): PortableType[] {
  const sources = lookup(manifest).sources;
  const out: PortableType[] = [];
  for (const type of manifest.recordTypes) {
    const categories = new Set<string>();
    const activities: string[] = [];
    for (const activity of servingActivities(manifest, type)) {
      const provided = activity.sources.some((s) => PROVIDED_SOURCES.includes(sources.get(s)?.kind ?? ''));
      if (!provided) continue;
      const bases = activity.lawfulBases.filter((b) => PORTABLE_BASES.includes(b.basis));
      if (bases.length === 0) continue;
      activities.push(activity.id);
      bases.forEach((b) => basisCategories(activity, b).forEach((c) => categories.add(c)));
    }
    const fields = type.fields.filter((f) => categories.has(f.category)).map((f) => f.name);
    if (fields.length) out.push({ recordType: type.id, fields, activities });
  }
  return out;
}
