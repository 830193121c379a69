/**
 * The record's two breach columns, filled from the breach register when the caller has read it.
 *
 * A breach may name the processing activities it affected; then it is linked to exactly those.
 * One that does not is linked by the data categories it affected: to every activity that
 * processes one of them (the overlap of the breach's categories with the activity's), so a breach
 * of tenants' bank details shows on each activity that holds bank details. Near misses are not
 * breaches (no personal data was compromised), so they stay in the register and out of "Has a
 * personal data breach occurred?".
 *
 * The manifest alone cannot see the register (the CLI run without a store), so without a
 * register the columns keep saying "No breach recorded" with no link, as they always have.
 */
import type { Activity, Manifest } from '../../manifest/schema.ts';
import { NO_BREACH_RECORDED } from './columns.ts';
import { node, type JsonLdNode } from './jsonld-parties.ts';

/** A breach as the register gives it: only what linking needs, nothing about the incident. */
export interface RegisterBreach {
  id: string;
  /** What people quote, e.g. "B-1a2b3c4d". */
  reference: string;
  kind?: string;
  categories: readonly string[];
  /** The activities it affected, where named; empty or absent links it by category instead. */
  activities?: readonly string[];
}

/** One breach in an activity's cells: its reference and where its record is. */
export interface BreachLink {
  reference: string;
  /** The breach's page, or its reference where the output has no address to point at. */
  link: string;
}

/** Breaches per activity id; an activity missing from the map had none. */
export type BreachesByActivity = ReadonlyMap<string, readonly BreachLink[]>;

export interface RopaOptions {
  /** The register's breaches per activity; absent when the register was not read (manifest only). */
  breaches?: BreachesByActivity;
}

/** Whether the breach affected the activity: as named, or else by overlapping categories. */
function affects(breach: RegisterBreach, activity: Activity, held: ReadonlySet<string>): boolean {
  if (breach.activities && breach.activities.length > 0) return breach.activities.includes(activity.id);
  return breach.categories.some((c) => held.has(c));
}

/** Link each breach to the activities it affected (named, or by category), in register order. */
export function breachesByActivity(
  manifest: Manifest,
  breaches: readonly RegisterBreach[],
  linkFor: (breach: RegisterBreach) => string = (b) => b.reference,
): BreachesByActivity {
  const real = breaches.filter((b) => b.kind !== 'near-miss');
  const map = new Map<string, BreachLink[]>();
  for (const activity of manifest.activities) {
    const held = new Set(activity.categories);
    const linked = real.filter((b) => affects(b, activity, held));
    if (linked.length > 0)
      map.set(
        activity.id,
        linked.map((b) => ({ reference: b.reference, link: linkFor(b) })),
      );
  }
  return map;
}

/** "Yes: 2 (B-…, B-…)" and the links one a line, or "No breach recorded" and no link. */
export function breachCells(activity: Activity, options: RopaOptions) {
  const linked = options.breaches?.get(activity.id) ?? [];
  if (linked.length === 0) return { occurred: NO_BREACH_RECORDED, link: '' };
  return {
    occurred: `Yes: ${linked.length} (${linked.map((b) => b.reference).join(', ')})`,
    link: linked.map((b) => b.link).join('\n'),
  };
}

/**
 * The JSON-LD form: DPV has no term for "this process suffered this breach", so the property and
 * class are minted in the custos-gb namespace. A link that is an address becomes the node's @id.
 * Undefined (left out) when the register was not read, so the manifest-only record says nothing.
 */
export function breachNodes(activity: Activity, options: RopaOptions): JsonLdNode[] | undefined {
  if (!options.breaches) return undefined;
  return (options.breaches.get(activity.id) ?? []).map((b) =>
    node({
      '@id': b.link === b.reference ? undefined : b.link,
      '@type': 'custos-gb:PersonalDataBreach',
      'dct:identifier': b.reference,
    }),
  );
}
