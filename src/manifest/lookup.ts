/** Lookups by id over a parsed manifest, shared by the rules, the renderers and the gate. */
import type {
  Activity,
  Category,
  Manifest,
  Recipient,
  RecordType,
  RetentionRule,
  Role,
  Subject,
} from './schema.ts';

export interface ManifestLookup {
  subjects: Map<string, Subject>;
  categories: Map<string, Category>;
  activities: Map<string, Activity>;
  recipients: Map<string, Recipient>;
  retention: Map<string, RetentionRule>;
  recordTypes: Map<string, RecordType>;
  roles: Map<string, Role>;
  sources: Map<string, Manifest['sources'][number]>;
  systems: Map<string, Manifest['systems'][number]>;
  teams: Map<string, Manifest['teams'][number]>;
  events: Map<string, Manifest['events'][number]>;
  entities: Map<string, Manifest['controller']['entities'][number]>;
}

/** An activity as staff see it: its staff name where the manifest gives one, else its name. */
export function staffNameOf(activity: Pick<Activity, 'name' | 'staffName'>): string {
  return activity.staffName ?? activity.name;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

const cache = new WeakMap<Manifest, ManifestLookup>();

export function lookup(manifest: Manifest): ManifestLookup {
  let found = cache.get(manifest);
  if (!found) {
    found = {
      subjects: byId(manifest.subjects),
      categories: byId(manifest.categories),
      activities: byId(manifest.activities),
      recipients: byId(manifest.recipients),
      retention: byId(manifest.retention),
      recordTypes: byId(manifest.recordTypes),
      roles: byId(manifest.roles),
      sources: byId(manifest.sources),
      systems: byId(manifest.systems),
      teams: byId(manifest.teams),
      events: byId(manifest.events),
      entities: byId(manifest.controller.entities),
    };
    cache.set(manifest, found);
  }
  return found;
}

/** The categories a lawful basis covers within its activity. */
export function basisCategories(activity: Activity, basis: Activity['lawfulBases'][number]): string[] {
  return basis.categories ?? activity.categories;
}

/** Every agreement declared, with the recipient that holds it. */
export function allAgreements(manifest: Manifest) {
  return manifest.recipients.flatMap((recipient) =>
    recipient.agreements.map((agreement) => ({ recipient, agreement })),
  );
}

/** The retention rule that governs a record type: its own, else that of its first activity with one. */
export function retentionFor(manifest: Manifest, recordType: RecordType): RetentionRule | undefined {
  const l = lookup(manifest);
  if (recordType.retention) return l.retention.get(recordType.retention);
  for (const activityId of recordType.activities) {
    const ruleId = l.activities.get(activityId)?.retention;
    if (ruleId) return l.retention.get(ruleId);
  }
  return undefined;
}
