/** Plain-English phrases for manifest terms, shared by the notice, the JIT notice and the ROPA. */
import type { Activity, Manifest, RetentionRule } from '../manifest/schema.ts';
import { lookup } from '../manifest/lookup.ts';
import { periodWords } from '../manifest/words.ts';
import {
  ART9_CONDITIONS,
  LAWFUL_BASES,
  RIGHTS,
  RIGHTS_BY_BASIS,
  RIGHTS_FOR_EVERY_BASIS,
  SCHEDULE1,
  type RightId,
} from '../manifest/vocabulary/law.ts';

const TRIGGER_WORDS: Record<string, string> = {
  'record-created': 'after it is created',
  'record-occurred': 'after the event it records',
  'record-closed': 'after the matter is closed',
  'record-ended': 'after the service ends',
  'case-closed': 'after the case is closed',
  'tenancy-ended': 'after the tenancy ends',
  'customer-relationship-ended': 'after you stop being our customer',
  'application-declined': 'after the application is declined',
  'application-withdrawn': 'after the application is withdrawn',
  'job-completed': 'after the job is completed',
  'employment-ended': 'after employment ends',
  'lease-ended': 'after the lease ends',
  'consent-withdrawn': 'after you withdraw your consent',
};

const ACTION_WORDS = {
  erase: 'then deleted',
  anonymise: 'then anonymised',
  review: 'then reviewed',
} as const;

export function describeRetention(manifest: Manifest, rule: RetentionRule): string {
  if (rule.description) return rule.description;
  const eventId = rule.trigger.startsWith('event:') ? rule.trigger.slice(6) : undefined;
  const event = eventId ? lookup(manifest).events.get(eventId) : undefined;
  const trigger = event
    ? `after ${event.name.charAt(0).toLowerCase()}${event.name.slice(1)}`
    : TRIGGER_WORDS[rule.trigger];
  return `${periodWords(rule.period)} ${trigger ?? `after ${rule.trigger}`}, ${ACTION_WORDS[rule.action]}`;
}

export function describeBasis(basis: Activity['lawfulBases'][number]): string {
  const b = LAWFUL_BASES[basis.basis];
  const detail = basis.detail ?? basis.interest;
  return `${b.label} (UK GDPR Article ${b.article})${detail ? `: ${detail}` : ''}`;
}

export function describeArt9(condition: keyof typeof ART9_CONDITIONS): string {
  return `Article 9(2)(${condition}) – ${ART9_CONDITIONS[condition].label.toLowerCase()}`;
}

export function describeSchedule1(paragraph: number): string {
  const entry = SCHEDULE1[paragraph];
  return `DPA 2018 Schedule 1 Part ${entry?.part ?? '?'} paragraph ${paragraph}${entry ? ` – ${entry.label.toLowerCase()}` : ''}`;
}

/** The rights that apply to an activity, from its lawful bases and any automated decisions. */
export function rightsForActivity(activity: Activity): RightId[] {
  const rights = new Set<RightId>(RIGHTS_FOR_EVERY_BASIS);
  for (const basis of activity.lawfulBases) RIGHTS_BY_BASIS[basis.basis].forEach((r) => rights.add(r));
  if (activity.automatedDecisions !== 'none' && activity.automatedDecisions.length > 0)
    rights.add('automated-decisions');
  if (activity.directMarketing) rights.add('objection');
  return (Object.keys(RIGHTS) as RightId[]).filter((r) => rights.has(r));
}

/** Names of a list of ids, in declaration order. */
export function namesOf<T extends { name: string }>(ids: readonly string[], table: Map<string, T>): string[] {
  return ids.map((id) => table.get(id)?.name ?? id);
}
