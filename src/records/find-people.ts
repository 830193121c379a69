/**
 * Finding people by an identifier (NI number, customer reference, email, …) through its keyed
 * hash, so no identifier is compared or stored in clear. A search is itself an access: that a
 * person with this NI number is on file is personal data. Each person found is decided by the
 * gate (may this actor see this person's details for this purpose?) and the search is audited
 * against them; a search that finds no one is audited too, without the value searched for.
 */
import { decide, auditReason } from '../access/decide.ts';
import { readAudit } from '../audit/group-commit.ts';
import type { AuditEvent } from '../audit/event.ts';
import type { ConsentRow } from './consent-gate.ts';
import { InputError } from './errors.ts';
import { PROFILE_FORMATS } from './formats.ts';
import { lookupToken, PROFILE_LOOKUPS, type LookupKind } from './lookup-tokens.ts';
import { gateColumnsSql, gateState } from './people.ts';
import { auditEvent, manifestFor, PERSON_TYPE, type Call, type Store } from './store.ts';

interface Match {
  token: Uint8Array;
  id: string;
  restricted: boolean;
  objections: string[];
  consents: ConsentRow[];
  patch: string | null;
  assigned: boolean;
}

/** The people each value identifies, as this actor may know of them; values found nowhere map to []. */
export async function findPeopleByValues(
  store: Store,
  call: Call,
  controllerId: string,
  kind: LookupKind,
  values: readonly string[],
): Promise<Map<string, string[]>> {
  const manifest = manifestFor(store, controllerId);
  const key = store.keys.lookupKey(controllerId);
  const tokens = values.map((v) => lookupToken(key, kind, v));
  const matches = await store.db.query<Match>(
    `select l.token, p.id, ${gateColumnsSql('p')},
            (select pr.patch from household_members hm join households h on h.id = hm.household_id
               join properties pr on pr.id = h.property_id
              where hm.person_id = l.person_id and hm.ended_on is null limit 1) as patch,
            exists (select 1 from records r where r.person_id = l.person_id and r.assigned_to = $4
                      and r.closed_at is null) as assigned
       from person_lookup l join people p on p.id = l.person_id and p.erased_at is null
      where l.controller_id = $1 and l.kind = $2 and l.token = any($3::bytea[])`,
    [controllerId, kind, tokens, call.actor.id],
  );
  const now = store.now();
  const found = new Map<string, string[]>();
  const events: AuditEvent[] = [];
  for (const m of matches) {
    // Restriction (Art. 18) is not applied to finding someone: knowing they are on file is what
    // lets a duplicate be refused and the restriction itself be handled. Reading them is gated.
    const decision = decide(manifest, {
      actor: call.actor,
      purpose: call.purpose,
      action: 'read',
      controllerId,
      personId: m.id,
      recordType: PERSON_TYPE,
      record: { patch: m.patch, assignedTo: m.assigned ? call.actor.id : null },
      ...gateState(m, call),
      restricted: false,
      now,
    });
    events.push(
      auditEvent(call, controllerId, now, {
        action: 'person.find',
        personId: m.id,
        fields: [`lookup:${kind}`],
        outcome: decision.allowed ? 'allowed' : 'denied',
        reason: auditReason(decision),
      }),
    );
    if (!decision.allowed) continue;
    const hex = Buffer.from(m.token).toString('hex');
    found.set(hex, [...(found.get(hex) ?? []), m.id]);
  }
  const matched = new Set(matches.map((m) => Buffer.from(m.token).toString('hex')));
  const misses = tokens.filter((t) => !matched.has(t.toString('hex'))).length;
  if (misses > 0)
    events.push(
      auditEvent(call, controllerId, now, {
        action: 'person.find',
        fields: [`lookup:${kind}`],
        outcome: 'allowed',
        reason: misses === 1 ? 'no one found' : `no one found for ${misses} values`,
      }),
    );
  await readAudit(store.db).append(events);
  return new Map(values.map((v, i) => [v, found.get(tokens[i]!.toString('hex')) ?? []]));
}

/** The people a value identifies, as this actor may know of them. */
export async function findPeople(
  store: Store,
  call: Call,
  controllerId: string,
  kind: LookupKind,
  value: string,
): Promise<string[]> {
  return (await findPeopleByValues(store, call, controllerId, kind, [value])).get(value) ?? [];
}

/** One thing a person is searched by: an identifier of a kind the store keeps a lookup token for. */
export interface Criterion {
  kind: LookupKind;
  value: string;
}

/** A problem with a search, named by the profile field it is about (familyName, postcode, …). */
export interface CriterionProblem {
  field: string;
  problem: string;
}

/**
 * Kinds many people share: a family name, or a postcode (a street's worth of homes). Either alone
 * would list many people, and that each is on file is their personal data; together, or with any
 * other identifier, they narrow a search to a household.
 */
const BROAD: readonly LookupKind[] = ['family-name', 'postcode'];
const WHAT_NARROWS: Partial<Record<LookupKind, string>> = {
  'family-name': 'Add a postcode or another detail',
  postcode: 'Add a family name or another detail',
};

/**
 * The problems with a search before anything is looked up, every one of them (a form shows them
 * all at once): a value of the wrong shape for its kind, no criteria, or only broad ones. The
 * problems name fields, never values.
 */
export function searchProblems(criteria: readonly Criterion[]): CriterionProblem[] {
  const problems: CriterionProblem[] = [];
  for (const c of criteria) {
    const field = PROFILE_LOOKUPS[c.kind];
    const check = PROFILE_FORMATS[field];
    if (c.value.trim() === '') problems.push({ field, problem: 'is blank' });
    else if (check) {
      const checked = check(c.value);
      if ('problem' in checked) problems.push({ field, problem: checked.problem });
    }
  }
  if (problems.length > 0) return problems;
  if (criteria.length === 0)
    return [{ field: 'criteria', problem: 'Enter at least one detail to search by' }];
  const kinds = new Set(criteria.map((c) => c.kind));
  if ([...kinds].every((k) => BROAD.includes(k)) && kinds.size < BROAD.length) {
    const only = [...kinds][0]!;
    return [{ field: PROFILE_LOOKUPS[only], problem: WHAT_NARROWS[only]! }];
  }
  return [];
}

/**
 * The people who match every criterion (a family name and a postcode, say), as this actor may
 * know of them. Each criterion is one lookup through findPeopleByValues, so each is gated and
 * audited as any other find; only the people every lookup returned are answered. A search that is
 * malformed or too broad is refused with an InputError before anything is looked up.
 */
export async function findPeopleByAll(
  store: Store,
  call: Call,
  controllerId: string,
  criteria: readonly Criterion[],
): Promise<string[]> {
  const [problem] = searchProblems(criteria);
  if (problem) throw new InputError(problem.field, problem.problem);
  let matching: string[] | undefined;
  for (const { kind, value } of criteria) {
    const found = await findPeople(store, call, controllerId, kind, value);
    matching = matching === undefined ? found : matching.filter((id) => found.includes(id));
  }
  return [...new Set(matching)];
}
