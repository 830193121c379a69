/**
 * People (data subjects). Their own details are a record of the manifest's "person" type, sealed
 * under their data key; only ids, subject types and lookup tokens are in clear. Every read and
 * write passes the access gate and is audited in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import {
  auditReason,
  decide,
  filterFields,
  OBJECTS_TO_DIRECT_MARKETING,
  type ConsentInForce,
  type Decision,
} from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { lookup } from '../manifest/lookup.ts';
import { SUBJECT_ACCESS_ACTIVITY } from '../manifest/reserved.ts';
import type { Queryable } from '../store/db.ts';
import { aad, seal, unseal } from '../store/person-keys.ts';
import { consentsInForceSql, toConsentsInForce, type ConsentRow } from './consent-gate.ts';
import { AccessDenied, InputError, NotFound } from './errors.ts';
import { LOOKUP_KINDS, lookupToken, PROFILE_LOOKUPS } from './lookup-tokens.ts';
import { checkPayload } from './payload.ts';
import {
  auditEvent,
  manifestFor,
  PERSON_TYPE,
  recordDenial,
  registerController,
  type Call,
  type Store,
  vaultOf,
} from './store.ts';

export type Profile = Record<string, unknown>;

export interface NewPerson {
  controllerId: string;
  subjectTypes: string[];
  profile: Profile;
}

function checkSubjectTypes(store: Store, controllerId: string, types: string[]): void {
  const subjects = lookup(manifestFor(store, controllerId)).subjects;
  const unknown = types.find((t) => !subjects.has(t));
  if (unknown !== undefined)
    throw new InputError('subjectTypes', `"${unknown}" is not a data subject the manifest declares`);
}

async function writeLookups(
  tx: Queryable,
  store: Store,
  controllerId: string,
  personId: string,
  profile: Profile,
) {
  const key = store.keys.lookupKey(controllerId);
  await tx.query('delete from person_lookup where person_id = $1', [personId]);
  for (const kind of LOOKUP_KINDS) {
    const value = profile[PROFILE_LOOKUPS[kind]];
    if (typeof value !== 'string' || !value.trim()) continue;
    await tx.query(
      'insert into person_lookup (controller_id, kind, token, person_id) values ($1, $2, $3, $4) on conflict do nothing',
      [controllerId, kind, lookupToken(key, kind, value), personId],
    );
  }
}

/** Gate a write of a person's details; on refusal the denial is audited and AccessDenied thrown. */
async function gateWrite(
  store: Store,
  call: Call,
  controllerId: string,
  personId: string,
  action: 'create' | 'update',
): Promise<Decision> {
  const now = store.now();
  const decision = decide(manifestFor(store, controllerId), {
    actor: call.actor,
    purpose: call.purpose,
    action,
    controllerId,
    personId,
    recordType: PERSON_TYPE,
    now,
  });
  if (!decision.allowed) {
    await recordDenial(
      store,
      auditEvent(call, controllerId, now, {
        action: `person.${action}`,
        outcome: 'denied',
        personId,
        reason: decision.reason,
      }),
    );
    throw new AccessDenied(decision.reason);
  }
  return decision;
}

export async function createPerson(store: Store, call: Call, input: NewPerson): Promise<string> {
  const manifest = manifestFor(store, input.controllerId);
  const type = lookup(manifest).recordTypes.get(PERSON_TYPE);
  if (!type)
    throw new InputError(
      'recordTypes',
      `the manifest declares no "${PERSON_TYPE}" record type for people's details`,
    );
  const id = randomUUID();
  // Stored as checked: identifiers normalised, free text cleaned (payload.ts).
  let profile: Profile;
  try {
    checkSubjectTypes(store, input.controllerId, input.subjectTypes);
    profile = checkPayload(type, input.profile);
  } catch (error) {
    if (error instanceof InputError) {
      await recordDenial(
        store,
        auditEvent(call, input.controllerId, store.now(), {
          action: 'person.create',
          outcome: 'denied',
          reason: error.message,
        }),
      );
    }
    throw error;
  }
  const decision = await gateWrite(store, call, input.controllerId, id, 'create');
  const unpermitted = Object.keys(profile).find((f) => !decision.fields.includes(f));
  if (unpermitted) throw new AccessDenied(`you may not write the field "${unpermitted}"`);
  const now = store.now();
  const key = (await vaultOf(store).create(input.controllerId, [id])).get(id)!;
  await store.db.transaction(async (tx) => {
    await registerController(tx, manifest);
    await tx.query(
      'insert into people (id, controller_id, subject_types, profile, created_at, updated_at) values ($1, $2, $3, $4, $5, $5)',
      [
        id,
        input.controllerId,
        input.subjectTypes,
        seal(key, profile, aad(input.controllerId, id, 'profile')),
        now,
      ],
    );
    await writeLookups(tx, store, input.controllerId, id, profile);
    await appendAudit(tx, [
      auditEvent(call, input.controllerId, now, {
        action: 'person.create',
        outcome: 'allowed',
        personId: id,
        fields: Object.keys(profile),
      }),
    ]);
  });
  return id;
}

export interface PersonView {
  id: string;
  controllerId: string;
  subjectTypes: string[];
  profile: Profile;
}

interface PersonRow {
  id: string;
  controller_id: string;
  subject_types: string[];
  profile: Uint8Array;
  restricted: boolean;
  /** Objections in force (Art. 21), as the gate takes them (decide.ts). */
  objections: string[];
  /** Consents in force (Art. 7), from the consent ledger (consent-gate.ts). */
  consents: ConsentRow[];
  patch: string | null;
}

/**
 * What the gate must know about the person themself, whatever is being accessed: restriction
 * (Art. 18), objections (Art. 21) and consents (Art. 7). Every call to decide() about a person
 * spreads this, so a new person-level rule is added here once rather than at every call site.
 */
export function gateState(
  row: Pick<PersonRow, 'id' | 'restricted' | 'objections'> & { consents?: ConsentRow[] },
  call?: Pick<Call, 'purpose' | 'forRequestOf'>,
): {
  restricted: boolean;
  objections: readonly string[];
  consents?: readonly ConsentInForce[];
  answeringAccessRequest: boolean;
} {
  // Restriction leaves the person's own right of access: reading their data, under the
  // subject-access purpose, to answer their own access request goes on (Arts 15, 18(2)). Their
  // data in other people's packs stays restricted.
  const ownAccessRequest = call?.purpose === SUBJECT_ACCESS_ACTIVITY && call.forRequestOf === row.id;
  return {
    restricted: row.restricted && !ownAccessRequest,
    objections: row.objections,
    consents: toConsentsInForce(row.consents),
    // Answering someone's access request reaches records kept to a team, theirs and the parts of
    // others' records that mention them (the review then redacts third parties).
    answeringAccessRequest: call?.purpose === SUBJECT_ACCESS_ACTIVITY && call.forRequestOf !== undefined,
  };
}

/**
 * The columns gateState() reads (restricted, objections, consents), for queries that load people
 * for the gate in bulk; `p` is the people table's alias.
 */
export function gateColumnsSql(p: string): string {
  return `${p}.restricted_since is not null as restricted,
    array(select coalesce(o.activity_id, '${OBJECTS_TO_DIRECT_MARKETING}') from objections o
           where o.person_id = ${p}.id and o.status = 'upheld') as objections,
    ${consentsInForceSql(`${p}.id`)} as consents`;
}

/** The context the gate needs about a person: their patch, restriction, and any job assigned to the actor. */
export async function loadPersonRow(
  q: Queryable,
  personId: string,
  actorId: string,
): Promise<(PersonRow & { assigned: boolean }) | undefined> {
  const [row] = await q.query<PersonRow & { assigned: boolean }>(
    `select p.id, p.controller_id, p.subject_types, p.profile, p.restricted_since is not null as restricted,
            array(select coalesce(o.activity_id, $3::text) from objections o
                   where o.person_id = p.id and o.status = 'upheld') as objections,
            ${consentsInForceSql('p.id')} as consents,
            (select pr.patch from household_members hm join households h on h.id = hm.household_id
               join properties pr on pr.id = h.property_id
              where hm.person_id = p.id and hm.ended_on is null limit 1) as patch,
            exists (select 1 from records r where r.person_id = p.id and r.assigned_to = $2 and r.closed_at is null) as assigned
       from people p where p.id = $1 and p.erased_at is null`,
    [personId, actorId, OBJECTS_TO_DIRECT_MARKETING],
  );
  return row;
}

export async function readPerson(store: Store, call: Call, personId: string): Promise<PersonView> {
  const now = store.now();
  const keys = await vaultOf(store).load([personId]);
  const result = await store.db.transaction(async (tx) => {
    const row = await loadPersonRow(tx, personId, call.actor.id);
    if (!row) return undefined;
    const decision = decide(manifestFor(store, row.controller_id), {
      actor: call.actor,
      purpose: call.purpose,
      action: 'read',
      controllerId: row.controller_id,
      personId,
      recordType: PERSON_TYPE,
      record: { patch: row.patch, assignedTo: row.assigned ? call.actor.id : null },
      ...gateState(row, call),
      now,
    });
    await appendAudit(tx, [
      auditEvent(call, row.controller_id, now, {
        action: 'person.read',
        personId,
        outcome: decision.allowed ? 'allowed' : 'denied',
        fields: decision.fields,
        reason: auditReason(decision),
      }),
    ]);
    if (!decision.allowed) return { decision };
    const profile = unseal<Profile>(
      keys.get(personId),
      row.profile,
      aad(row.controller_id, personId, 'profile'),
    );
    const view: PersonView = {
      id: row.id,
      controllerId: row.controller_id,
      subjectTypes: row.subject_types,
      profile: filterFields(profile, decision.fields),
    };
    return { decision, view };
  });
  if (!result) throw new NotFound('the person');
  if (!result.view) throw new AccessDenied(result.decision.reason);
  return result.view;
}
