/** An activity's transfers abroad, automated decisions, direct marketing and whether data is required. */
import type { Activity } from '../../manifest/schema.ts';
import { TRANSFER_SAFEGUARDS } from '../../manifest/vocabulary/law.ts';
import { carry, nameOf, type DiffContext } from './context.ts';
import { matchById } from './match.ts';
import { material, materialIf, minor, type FoundChange } from './types.ts';
import { countryName } from './words.ts';

type Pair = [old: Activity, next: Activity];
type Transfer = Exclude<Activity['transfers'], 'none'>[number];
type Decision = Exclude<Activity['automatedDecisions'], 'none'>[number];

/** A transfer is the same transfer while it goes to the same country and recipient. */
function transfersByDestination(ctx: DiffContext, activity: Activity, isOld: boolean): Map<string, Transfer> {
  const transfers = activity.transfers === 'none' ? [] : activity.transfers;
  const recipient = (id: string | undefined) => (id && isOld ? carry(ctx, 'recipients', [id])[0] : id);
  return new Map(transfers.map((t) => [`${t.country}/${recipient(t.recipient) ?? ''}`, t]));
}

function destinationWords(ctx: DiffContext, transfer: Transfer): string {
  const to = transfer.recipient ? ` ("${nameOf(ctx, 'recipients', transfer.recipient)}")` : '';
  return `${countryName(transfer.country)}${to}`;
}

function safeguardWords(transfer: Transfer): string {
  return transfer.safeguard ? TRANSFER_SAFEGUARDS[transfer.safeguard] : 'no safeguard given';
}

function transferChanges(ctx: DiffContext, [old, next]: Pair): FoundChange[] {
  const path = `activities.${next.id}.transfers`;
  const before = transfersByDestination(ctx, old, true);
  const after = transfersByDestination(ctx, next, false);
  const changes: FoundChange[] = [];
  for (const [key, transfer] of after) {
    const previous = before.get(key);
    const where = destinationWords(ctx, transfer);
    if (!previous) {
      changes.push(
        material(
          'transfer-added',
          path,
          `${next.name}: your data may now be sent to ${where}, under ${safeguardWords(transfer)}`,
        ),
      );
    } else if (previous.safeguard !== transfer.safeguard) {
      changes.push(
        material(
          'transfer-changed',
          path,
          `${next.name}: data sent to ${where} is now protected by ${safeguardWords(transfer)} instead of ${safeguardWords(previous)}`,
        ),
      );
    } else if (previous.detail !== transfer.detail) {
      changes.push(
        minor(
          'wording-changed',
          path,
          `${next.name}: the explanation of the transfer to ${where} was reworded`,
        ),
      );
    }
  }
  for (const [key, transfer] of before) {
    if (!after.has(key))
      changes.push(
        minor(
          'transfer-removed',
          path,
          `${next.name}: we no longer send your data to ${destinationWords(ctx, transfer)}`,
        ),
      );
  }
  return changes;
}

function decisionsOf(activity: Activity): Decision[] {
  return activity.automatedDecisions === 'none' ? [] : activity.automatedDecisions;
}

function decisionChanges([old, next]: Pair): FoundChange[] {
  const path = `activities.${next.id}.automatedDecisions`;
  const { pairs, added, removed } = matchById(decisionsOf(old), decisionsOf(next));
  const reworded = (a: Decision, b: Decision) =>
    a.name !== b.name ||
    a.logic !== b.logic ||
    a.significance !== b.significance ||
    a.humanReview !== b.humanReview;
  return [
    ...added.map((d) =>
      material(
        'automated-decision-added',
        path,
        `${next.name}: we now make a decision about you by automated means: "${d.name}"`,
      ),
    ),
    ...pairs
      .filter(([a, b]) => !a.profiling && b.profiling)
      .map(([, b]) =>
        material(
          'profiling-added',
          path,
          `${next.name}: the automated decision "${b.name}" now uses profiling`,
        ),
      ),
    ...pairs
      .filter(([a, b]) => reworded(a, b))
      .map(([, b]) =>
        minor(
          'wording-changed',
          path,
          `${next.name}: the explanation of the automated decision "${b.name}" was reworded`,
        ),
      ),
    ...removed.map((d) =>
      minor(
        'automated-decision-removed',
        path,
        `${next.name}: we no longer make the automated decision "${d.name}"`,
      ),
    ),
  ];
}

function marketingChanges([old, next]: Pair): FoundChange[] {
  const path = `activities.${next.id}.directMarketing`;
  if (!old.directMarketing && next.directMarketing) {
    return [
      material('direct-marketing-added', path, `${next.name}: we now use your data for direct marketing`),
    ];
  }
  if (old.directMarketing && !next.directMarketing) {
    return [
      minor(
        'direct-marketing-removed',
        path,
        `${next.name}: we no longer use your data for direct marketing`,
      ),
    ];
  }
  return [];
}

const REQUIREMENT_WORDS = {
  statutory: 'required by law',
  contractual: 'required by your contract with us',
  'contract-entry': 'needed before we can enter a contract with you',
  optional: 'optional',
  unstated: 'not stated',
} as const;

/** Data that was optional becoming compulsory changes what people must hand over: Art. 13(2)(e). */
function requirementChanges([old, next]: Pair): FoundChange[] {
  const path = `activities.${next.id}.requirement`;
  const before = old.requirement?.required ?? 'unstated';
  const after = next.requirement?.required ?? 'unstated';
  if (before !== after) {
    const summary =
      after === 'unstated'
        ? `${next.name}: we no longer say whether you must give us your data`
        : `${next.name}: giving us your data is now ${REQUIREMENT_WORDS[after]} (it was ${REQUIREMENT_WORDS[before]})`;
    const nowCompulsory = before === 'optional' && after !== 'unstated';
    return [materialIf(nowCompulsory, 'requirement-changed', path, summary)];
  }
  if (old.requirement?.consequence !== next.requirement?.consequence) {
    return [
      minor(
        'wording-changed',
        path,
        `${next.name}: what happens if you do not give us your data was reworded`,
      ),
    ];
  }
  return [];
}

export function activityExtraChanges(ctx: DiffContext, pair: Pair): FoundChange[] {
  return [
    ...transferChanges(ctx, pair),
    ...decisionChanges(pair),
    ...marketingChanges(pair),
    ...requirementChanges(pair),
  ];
}
