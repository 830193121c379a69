/**
 * The record's two breach columns, filled from the breach register when the caller has read it.
 *
 * Breaches record the data categories they affected, not processing activities, so a breach is
 * linked to every activity that processes one of its categories: the overlap of the breach's
 * categories with the activity's. A breach of tenants' bank details thus shows on each activity
 * that holds bank details. Near misses are not breaches (no personal data was compromised), so
 * they stay in the register and out of "Has a personal data breach occurred?".
 *
 * The manifest alone cannot see the register (the CLI has no store), so without a register the
 * columns keep saying "No breach recorded" with no link, as they always have.
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
  /** The register's breaches per activity; absent when the register was not read (the CLI). */
  breaches?: BreachesByActivity;
}

/** Link each breach to the activities whose categories overlap the breach's, in register order. */
export function breachesByActivity(
  manifest: Manifest,
  breaches: readonly RegisterBreach[],
  linkFor: (breach: RegisterBreach) => string = (b) => b.reference,
): BreachesByActivity {
  const real = breaches.filter((b) => b.kind !== 'near-miss');
  const map = new Map<string, BreachLink[]>();
  for (const activity of manifest.activities) {
    const held = new Set(activity.categories);
    const linked = real.filter((b) => b.categories.some((c) => held.has(c)));
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
