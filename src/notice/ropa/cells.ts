/** The descriptive columns of the record: who, what, to whom, where, for how long. */
import { lookup } from '../../manifest/lookup.ts';
import type { Activity, Manifest, Recipient } from '../../manifest/schema.ts';
import { TRANSFER_SAFEGUARDS } from '../../manifest/vocabulary/law.ts';
import { NONE, NOT_APPLICABLE, NOT_RECORDED } from './columns.ts';
import { countryName, linesCell, listCell, retentionInWords, unique } from './words.ts';

export function purposeCell(activity: Activity): string {
  return `${activity.name}: ${activity.purpose}`;
}

function activityRecipients(manifest: Manifest, activity: Activity): Recipient[] {
  const { recipients } = lookup(manifest);
  return activity.recipients.flatMap((id) => recipients.get(id) ?? []);
}

function agreementsOfType(recipient: Recipient, activity: Activity, type: string): string[] {
  return recipient.agreements
    .filter((a) => a.type === type && (a.activities.length === 0 || a.activities.includes(activity.id)))
    .map((a) => a.reference ?? a.id);
}

export function jointControllerCell(manifest: Manifest, activity: Activity): string {
  const joint = activityRecipients(manifest, activity).filter((r) => r.role === 'joint-controller');
  const lines = joint.map((r) => {
    const details = [r.description, r.notice && `privacy notice: ${r.notice}`].filter(Boolean);
    const arrangements = agreementsOfType(r, activity, 'joint-controller-arrangement');
    if (arrangements.length > 0) details.push(`arrangement: ${arrangements.join(', ')}`);
    return details.length > 0 ? `${r.name} (${details.join('; ')})` : r.name;
  });
  return linesCell(lines, activity.role === 'joint-controller' ? NOT_RECORDED : NOT_APPLICABLE);
}

export function subjectsCell(manifest: Manifest, activity: Activity): string {
  const { subjects } = lookup(manifest);
  const names = activity.subjects.map((id) => {
    const subject = subjects.get(id);
    if (!subject) return id;
    // Children's data needs particular care (UK GDPR recital 38); say so unless the name already does.
    const flagChildren = subject.mayBeChild && !/child/i.test(subject.name);
    return flagChildren ? `${subject.name} (may include children)` : subject.name;
  });
  return listCell(names, NOT_RECORDED);
}

const KIND_MARKS = {
  ordinary: '',
  special: ' (special category)',
  criminal: ' (criminal offence data)',
} as const;

export function categoriesCell(manifest: Manifest, activity: Activity): string {
  const { categories } = lookup(manifest);
  const names = activity.categories.map((id) => {
    const category = categories.get(id);
    return category ? `${category.name}${KIND_MARKS[category.kind]}` : id;
  });
  return listCell(names, NOT_RECORDED);
}

const ROLE_WORDS: Record<NonNullable<Recipient['role']>, string> = {
  processor: 'processor',
  controller: 'controller',
  'joint-controller': 'joint controller',
  'public-authority': 'public authority',
};

export function recipientsCell(manifest: Manifest, activity: Activity): string {
  const names = activityRecipients(manifest, activity).map((r) =>
    r.role ? `${r.name} (${ROLE_WORDS[r.role]})` : r.name,
  );
  return listCell(names, NONE);
}

/** Processors named as recipients, and those hosting the activity's systems: both hold our data. */
function processors(manifest: Manifest, activity: Activity): Recipient[] {
  const { recipients, systems } = lookup(manifest);
  const hosts = activity.systems.flatMap((id) => {
    const host = systems.get(id)?.hostedBy;
    return host ? (recipients.get(host) ?? []) : [];
  });
  return unique([...activityRecipients(manifest, activity), ...hosts]).filter((r) => r.role === 'processor');
}

export function processorContractsCell(manifest: Manifest, activity: Activity): string {
  const lines = processors(manifest, activity).map((r) => {
    const contracts = agreementsOfType(r, activity, 'processor-contract');
    return `${r.name}: ${contracts.length > 0 ? contracts.join(', ') : 'no contract recorded'}`;
  });
  return linesCell(lines, NOT_APPLICABLE);
}

function transfersOf(activity: Activity) {
  return activity.transfers === 'none' ? [] : activity.transfers;
}

export function thirdCountriesCell(manifest: Manifest, activity: Activity): string {
  const { recipients } = lookup(manifest);
  const lines = transfersOf(activity).map((t) => {
    const recipient = t.recipient ? (recipients.get(t.recipient)?.name ?? t.recipient) : undefined;
    return recipient ? `${countryName(t.country)}, to ${recipient}` : countryName(t.country);
  });
  return linesCell(unique(lines), NONE);
}

export function safeguardsCell(activity: Activity): string {
  const lines = transfersOf(activity).map((t) => {
    const safeguard = t.safeguard ? TRANSFER_SAFEGUARDS[t.safeguard] : NOT_RECORDED;
    return `${countryName(t.country)}: ${safeguard}${t.detail ? ` (${t.detail})` : ''}`;
  });
  return linesCell(unique(lines), NOT_APPLICABLE);
}

/** The activity's rule, then any record type of the activity that keeps its records to another rule. */
export function retentionCell(manifest: Manifest, activity: Activity): string {
  const { retention } = lookup(manifest);
  const rule = activity.retention ? retention.get(activity.retention) : undefined;
  const overrides = manifest.recordTypes.flatMap((type) => {
    const own =
      type.retention && type.retention !== activity.retention ? retention.get(type.retention) : undefined;
    return own && type.activities.includes(activity.id)
      ? [`${type.name} records: ${retentionInWords(manifest, own)}`]
      : [];
  });
  const lines = [...(rule ? [retentionInWords(manifest, rule)] : []), ...overrides];
  return linesCell(lines, NOT_RECORDED);
}

export function securityCell(manifest: Manifest): string {
  return linesCell(manifest.notice.security, NOT_RECORDED);
}

export function automatedDecisionsCell(activity: Activity): string {
  if (activity.automatedDecisions === 'none') return NONE;
  const lines = activity.automatedDecisions.map((d) => {
    const profiling = d.profiling ? ' Includes profiling.' : '';
    return `${d.name}: ${d.logic}. Effect: ${d.significance}. Human review: ${d.humanReview}.${profiling}`;
  });
  return linesCell(lines, NONE);
}

export function sourcesCell(manifest: Manifest, activity: Activity): string {
  const { sources } = lookup(manifest);
  return listCell(
    activity.sources.map((id) => sources.get(id)?.name ?? id),
    NOT_RECORDED,
  );
}

/** The activity's systems and where each is held; the notice's general words when none are named. */
export function locationCell(manifest: Manifest, activity: Activity): string {
  const { systems, recipients } = lookup(manifest);
  const lines = activity.systems.flatMap((id) => {
    const system = systems.get(id);
    if (!system) return [];
    const host = system.hostedBy ? recipients.get(system.hostedBy)?.name : undefined;
    return [`${system.name}: ${system.location}${host ? `, hosted by ${host}` : ''}`];
  });
  return linesCell(lines, manifest.notice.storage ?? NOT_RECORDED);
}

export function dpiaCells(activity: Activity): { required: string; progress: string; link: string } {
  const dpia = activity.dpia;
  if (!dpia) return { required: NOT_RECORDED, progress: NOT_RECORDED, link: '' };
  if (!dpia.required)
    return { required: 'No', progress: dpia.status ?? NOT_APPLICABLE, link: dpia.reference ?? '' };
  return { required: 'Yes', progress: dpia.status ?? NOT_RECORDED, link: dpia.reference ?? '' };
}
