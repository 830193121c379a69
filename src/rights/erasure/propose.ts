/**
 * Proposing, for each thing held about a person, whether an erasure request lets it go: from the
 * lawful bases of the activities its record type serves and where it stands against its retention
 * rule. Pure: the caseworker then confirms or overrides each proposal with reasons.
 *
 * In order: a retention period that has run out means the data is no longer needed; a legal
 * obligation or public task keeps it (Art. 17(3)(b)); a contract keeps it while the relationship
 * runs, and its retention rule (e.g. the Limitation Act) for the set time after; otherwise data
 * held on consent goes (the request withdraws it) and data held on legitimate interests goes
 * (the request objects, and no overriding ground has been recorded).
 */
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest, RecordType } from '../../manifest/schema.ts';
import { describeRetention } from '../../notice/describe.ts';
import type { Inventory, Lifecycle } from '../../records/erasure-inventory.ts';
import { PERSON_TYPE } from '../../records/store.ts';
import { basesFor, type HeldUnder } from './bases.ts';
import { NO_CONTEXT, retentionState, type RetentionContext, type RetentionState } from './retention-state.ts';
import { tell, type Said } from './told.ts';
import {
  type EraseReason,
  type ErasureAction,
  type ErasureReason,
  type ItemKind,
  type KeepReason,
} from './vocabulary.ts';
import { longDate } from './words.ts';

export interface Proposal {
  kind: ItemKind;
  recordId: string | null;
  recordType: string;
  /** For a mention: the person's parts in the record (witness, complainant…). */
  parts: string[];
  action: ErasureAction;
  reason: ErasureReason;
  /** What the person is told: sentences of the vocabulary by code, and the details as written. */
  said: Said[];
  /** The same, as the proposal reads it (what we will do). */
  explanation: string;
}

type Decision = Pick<Proposal, 'action' | 'reason' | 'said' | 'explanation'>;

const decision = (action: ErasureAction, reason: ErasureReason, said: Said[]): Decision => ({
  action,
  reason,
  said,
  explanation: tell(said, 'will'),
});
/** Details of a proposal, shown as written in either tense; none when empty. */
const words = (text: string): Said[] => (text ? [{ words: text }] : []);

/** The reason's sentence, with what it rests on ("…keep it: Equality Act 2010.") and what follows. */
const keep = (reason: KeepReason, after = '', restsOn?: string): Decision =>
  decision('keep', reason, [restsOn ? { reason, restsOn } : { reason }, ...words(after)]);
const erase = (reason: EraseReason, detail = ''): Decision =>
  decision('erase', reason, [{ reason }, ...words(detail)]);

function keptFor(manifest: Manifest, state: RetentionState): string {
  if (state.state === 'none') return '';
  const period = describeRetention(manifest, state.rule);
  const why = state.rule.basis ? `, because of the ${state.rule.basis}` : '';
  return state.state === 'running'
    ? `We keep it ${lowerFirst(period)}${why}, that is until ${longDate(state.until)}.`
    : `We keep it ${lowerFirst(period)}${why}.`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const detailOf = (h: HeldUnder) => h.basis.detail ?? h.basis.interest;

/** The decision for one record, whoever's file it is on. */
export function decideRecord(
  manifest: Manifest,
  type: RecordType,
  held: Lifecycle,
  tenancy: Inventory['tenancy'],
  now: Date,
  context: RetentionContext = NO_CONTEXT,
): Decision {
  const state = retentionState(manifest, type, held, tenancy, now, context);
  if (state.state === 'expired')
    return erase(
      'no-longer-necessary',
      `The time we keep ${type.name.toLowerCase()} records for (${lowerFirst(describeRetention(manifest, state.rule))}) has passed.`,
    );
  const bases = basesFor(manifest, type);
  const by = (basis: string) => bases.find((h) => h.basis.basis === basis);
  const legal = by('legal-obligation');
  if (legal) return keep('legal-obligation', keptFor(manifest, state), detailOf(legal));
  const task = by('public-task');
  if (task) return keep('public-task', keptFor(manifest, state));
  const contract = by('contract');
  if (contract) {
    if (state.state === 'running') return keep('retention-rule', keptFor(manifest, state));
    return keep('contract', '', lowerFirst(contract.activity.name));
  }
  if (by('consent')) return erase('consent-withdrawn');
  if (by('legitimate-interests') || by('recognised-legitimate-interest')) return erase('objection');
  return erase('no-longer-necessary');
}

function describeParts(parts: readonly string[]): string {
  const words = parts.map((p) => p.replace(/-/g, ' '));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? 'other');
}

/** A record on someone else's file that names the person: the holder's record decides. */
function decideMention(
  manifest: Manifest,
  type: RecordType,
  held: Lifecycle,
  parts: readonly string[],
  now: Date,
  context: RetentionContext,
): Decision {
  // The holder's tenancy and consents are not the requester's business: judge by the record's own dates.
  const d = decideRecord(manifest, type, held, { held: false, current: false, lastEnded: null }, now, {
    ...context,
    consentsWithdrawn: new Map(),
  });
  const intro = words(`You are named in a record about someone else (as ${describeParts(parts)}).`);
  if (d.action === 'erase')
    return decision(d.action, d.reason, [...intro, ...d.said, { sentence: 'removed-from-record' }]);
  const contract = words('The record is still needed for our agreement with them.');
  return decision(d.action, d.reason, [...intro, ...(d.reason === 'contract' ? contract : d.said)]);
}

/** What is under a legal hold is kept for legal claims (Art. 17(3)(e)), whatever else applies. */
export const HELD: Decision = keep('legal-claims', '', 'it is under a legal hold');

/** The person's own details: kept while held, while anything else is, or while they hold a tenancy. */
export function decideProfile(
  others: readonly Pick<Proposal, 'action' | 'reason'>[],
  tenancyCurrent: boolean,
  personHeld = false,
): Decision {
  if (personHeld) return HELD;
  if (tenancyCurrent)
    return keep('contract', 'You still hold a tenancy with us, and we need your details to manage it.');
  if (others.some((o) => o.action === 'keep')) return keep('needed-for-kept-records');
  // Once nothing else is held, the details that identify the person have no purpose left.
  return decision('erase', 'no-longer-necessary', [{ sentence: 'details-and-key-erased' }]);
}

/** Every proposal for one person: their records, their mentions, then their own details. */
export function propose(
  manifest: Manifest,
  inventory: Inventory,
  now: Date,
  events: RetentionContext['events'] = new Map(),
): Proposal[] {
  const context: RetentionContext = { events, consentsWithdrawn: inventory.consentsWithdrawn ?? new Map() };
  const types = lookup(manifest).recordTypes;
  const typeOf = (id: string) => {
    const type = types.get(id);
    if (!type) throw new TypeError(`record type "${id}" is held but not declared in the manifest`);
    return type;
  };
  const items: Proposal[] = [
    ...inventory.records.map((r) => ({
      kind: 'record' as const,
      recordId: r.id,
      recordType: r.recordType,
      parts: [],
      ...(r.held ? HELD : decideRecord(manifest, typeOf(r.recordType), r, inventory.tenancy, now, context)),
    })),
    ...inventory.mentions.map((m) => ({
      kind: 'mention' as const,
      recordId: m.recordId,
      recordType: m.recordType,
      parts: m.parts,
      ...(m.held ? HELD : decideMention(manifest, typeOf(m.recordType), m, m.parts, now, context)),
    })),
  ];
  const profile = decideProfile(items, inventory.tenancy.current, inventory.personHeld);
  return [...items, { kind: 'profile', recordId: null, recordType: PERSON_TYPE, parts: [], ...profile }];
}
