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
import { lookupToken, type LookupKind } from './lookup-tokens.ts';
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
