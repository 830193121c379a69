/**
 * Writing many people, households, tenancies and records at once (the demo landlord, imports from a
 * housing management system). Everything is checked first — shape, references, the gate — and
 * every problem is reported with where it is; then all of it is written in one transaction, with
 * one audit event per person and record, or nothing is written at all.
 */
import { randomUUID } from 'node:crypto';
import { decide } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { groupAccesses } from '../audit/group.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Queryable } from '../store/db.ts';
import { aad, seal } from '../store/person-keys.ts';
import { InputError } from './errors.ts';
import { LOOKUP_KINDS, lookupToken, PROFILE_LOOKUPS } from './lookup-tokens.ts';
import { checkPayload } from './payload.ts';
import type { Profile } from './people.ts';
import { MENTION_PARTS, type NewRecord } from './records.ts';
import {
  auditEvent,
  manifestFor,
  PERSON_TYPE,
  registerController,
  type Call,
  type Store,
  vaultOf,
} from './store.ts';

export const RELATIONSHIPS = [
  'joint-tenant',
  'sole-tenant',
  'partner',
  'child',
  'adult-member',
  'lodger',
  'carer',
  'other',
] as const;

export interface BatchPerson {
  id?: string;
  subjectTypes: string[];
  profile: Profile;
}
export interface BatchProperty {
  id?: string;
  uprn?: string;
  address: string;
  postcode: string;
  patch?: string;
}
export interface BatchHousehold {
  id?: string;
  propertyId: string;
  members: {
    personId: string;
    relationship: (typeof RELATIONSHIPS)[number];
    startedOn: string;
    endedOn?: string;
  }[];
}
export interface BatchTenancy {
  id?: string;
  householdId: string;
  propertyId: string;
  kind: string;
  startedOn: string;
  endedOn?: string;
  parties: string[];
}
export type BatchRecord = Omit<NewRecord, 'controllerId'> & { id?: string };

export interface Batch {
  controllerId: string;
  people?: BatchPerson[];
  properties?: BatchProperty[];
  households?: BatchHousehold[];
  tenancies?: BatchTenancy[];
  records?: BatchRecord[];
}

export interface BatchProblem {
  /** Where in the batch, e.g. "records[12].payload.channel". */
  path: string;
  reason: string;
}

export class BatchError extends Error {
  constructor(readonly problems: BatchProblem[]) {
    super(`${problems.length} problem(s) in the batch; nothing was written`);
  }
}

export interface BatchResult {
  people: string[];
  properties: string[];
  households: string[];
  tenancies: string[];
  records: string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CHUNK = 1000;

/** Check every item and give each an id; collect every problem rather than stopping at the first. */
function prepare(
  store: Store,
  call: Call,
  batch: Batch,
  existingPeople: Set<string>,
): { ids: BatchResult; problems: BatchProblem[] } {
  const manifest = manifestFor(store, batch.controllerId);
  const l = lookup(manifest);
  const problems: BatchProblem[] = [];
  const problem = (path: string, reason: string) => problems.push({ path, reason });
  const now = store.now();
  const gate = (path: string, personId: string, recordType: string, fields: string[], record = {}) => {
    const d = decide(manifest, {
      actor: call.actor,
      purpose: call.purpose,
      action: 'create',
      controllerId: batch.controllerId,
      personId,
      recordType,
      record,
      now,
    });
    if (!d.allowed) return problem(path, `access denied: ${d.reason}`);
    const outside = fields.find((f) => !d.fields.includes(f));
    if (outside) problem(`${path}.payload.${outside}`, 'access denied: you may not write this field');
  };
  const check = (path: string, fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problem(error.field === 'payload' ? `${path}.payload` : `${path}.${error.field}`, error.reason);
    }
  };
  const personType = l.recordTypes.get(PERSON_TYPE);
  const ids: BatchResult = { people: [], properties: [], households: [], tenancies: [], records: [] };
  const people = new Set(existingPeople);
  (batch.people ?? []).forEach((p, i) => {
    const id = p.id ?? randomUUID();
    ids.people.push(id);
    people.add(id);
    if (!personType) return problem(`people[${i}]`, `the manifest declares no "${PERSON_TYPE}" record type`);
    p.subjectTypes.forEach(
      (t, k) =>
        l.subjects.has(t) ||
        problem(`people[${i}].subjectTypes[${k}]`, `"${t}" is not a data subject the manifest declares`),
    );
    check(`people[${i}]`, () => checkPayload(personType, p.profile));
    gate(`people[${i}]`, id, PERSON_TYPE, Object.keys(p.profile ?? {}));
  });
  const properties = new Set<string>();
  (batch.properties ?? []).forEach((p, i) => {
    const id = p.id ?? randomUUID();
    ids.properties.push(id);
    properties.add(id);
    if (!p.address?.trim()) problem(`properties[${i}].address`, 'is required');
    if (!p.postcode?.trim()) problem(`properties[${i}].postcode`, 'is required');
  });
  const households = new Set<string>();
  (batch.households ?? []).forEach((h, i) => {
    const id = h.id ?? randomUUID();
    ids.households.push(id);
    households.add(id);
    if (!properties.has(h.propertyId))
      problem(`households[${i}].propertyId`, 'is not a property in this batch');
    h.members.forEach((m, k) => {
      const at = `households[${i}].members[${k}]`;
      if (!people.has(m.personId)) problem(`${at}.personId`, 'is not a known person');
      if (!RELATIONSHIPS.includes(m.relationship))
        problem(`${at}.relationship`, `must be one of ${RELATIONSHIPS.join(', ')}`);
      if (!ISO_DATE.test(m.startedOn)) problem(`${at}.startedOn`, 'must be a date written YYYY-MM-DD');
      if (m.endedOn !== undefined && !ISO_DATE.test(m.endedOn))
        problem(`${at}.endedOn`, 'must be a date written YYYY-MM-DD');
    });
  });
  (batch.tenancies ?? []).forEach((t, i) => {
    ids.tenancies.push(t.id ?? randomUUID());
    if (!households.has(t.householdId))
      problem(`tenancies[${i}].householdId`, 'is not a household in this batch');
    if (!properties.has(t.propertyId))
      problem(`tenancies[${i}].propertyId`, 'is not a property in this batch');
    if (!ISO_DATE.test(t.startedOn))
      problem(`tenancies[${i}].startedOn`, 'must be a date written YYYY-MM-DD');
    if (t.endedOn !== undefined && !ISO_DATE.test(t.endedOn))
      problem(`tenancies[${i}].endedOn`, 'must be a date written YYYY-MM-DD');
    t.parties.forEach(
      (p, k) => people.has(p) || problem(`tenancies[${i}].parties[${k}]`, 'is not a known person'),
    );
  });
  (batch.records ?? []).forEach((r, i) => {
    const at = `records[${i}]`;
    ids.records.push(r.id ?? randomUUID());
    const type = l.recordTypes.get(r.recordType);
    if (!type || type.id === PERSON_TYPE)
      return problem(`${at}.recordType`, `"${r.recordType}" is not a record type the manifest declares`);
    if (!people.has(r.personId)) return problem(`${at}.personId`, 'is not a known person');
    check(at, () => checkPayload(type, r.payload));
    r.mentions?.forEach((m, k) => {
      if (!people.has(m.personId)) problem(`${at}.mentions[${k}].personId`, 'is not a known person');
      if (!MENTION_PARTS.includes(m.part))
        problem(`${at}.mentions[${k}].part`, `must be one of ${MENTION_PARTS.join(', ')}`);
    });
    gate(at, r.personId, r.recordType, Object.keys(r.payload ?? {}), {
      patch: r.patch,
      team: r.team,
      assignedTo: r.assignedTo ?? call.actor.id,
    });
  });
  return { ids, problems };
}

/**
 * Insert rows in chunks, one statement per chunk: each column goes in as an array and `unnest`
 * turns the arrays back into rows. `scalars` ($1, $2, ...) stay the same for every chunk.
 */
async function insertColumns(
  tx: Queryable,
  sql: string,
  scalars: unknown[],
  columns: unknown[][],
): Promise<void> {
  const length = columns[0]?.length ?? 0;
  for (let start = 0; start < length; start += CHUNK) {
    await tx.query(sql, [...scalars, ...columns.map((col) => col.slice(start, start + CHUNK))]);
  }
}

async function writePeople(
  tx: Queryable,
  store: Store,
  c: string,
  now: Date,
  people: BatchPerson[],
  ids: string[],
  keys: Map<string, Buffer>,
) {
  const lookupKey = store.keys.lookupKey(c);
  const kinds: string[] = [];
  const tokens: Buffer[] = [];
  const owners: string[] = [];
  people.forEach((p, i) => {
    for (const kind of LOOKUP_KINDS) {
      const value = p.profile[PROFILE_LOOKUPS[kind]];
      if (typeof value !== 'string' || !value.trim()) continue;
      kinds.push(kind);
      tokens.push(lookupToken(lookupKey, kind, value));
      owners.push(ids[i]!);
    }
  });
  await insertColumns(
    tx,
    `insert into people (id, controller_id, subject_types, profile, created_at, updated_at)
       select id, $1, string_to_array(st, ','), pr, $2, $2 from unnest($3::uuid[], $4::text[], $5::bytea[]) as t(id, st, pr)`,
    [c, now],
    [
      ids,
      people.map((p) => p.subjectTypes.join(',')),
      people.map((p, i) => seal(keys.get(ids[i]!)!, p.profile, aad(c, ids[i]!, 'profile'))),
    ],
  );
  await insertColumns(
    tx,
    `insert into person_lookup (controller_id, kind, token, person_id)
       select $1, k, t, p from unnest($2::text[], $3::bytea[], $4::uuid[]) as x(k, t, p) on conflict do nothing`,
    [c],
    [kinds, tokens, owners],
  );
}

async function writeHomes(tx: Queryable, c: string, batch: Batch, ids: BatchResult): Promise<void> {
  const properties = batch.properties ?? [];
  await insertColumns(
    tx,
    `insert into properties (id, controller_id, uprn, address, postcode, patch)
     select id, $1, u, a, pc, pa from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(id, u, a, pc, pa)`,
    [c],
    [
      ids.properties,
      properties.map((p) => p.uprn ?? null),
      properties.map((p) => p.address),
      properties.map((p) => p.postcode),
      properties.map((p) => p.patch ?? null),
    ],
  );
  const households = batch.households ?? [];
  await insertColumns(
    tx,
    'insert into households (id, controller_id, property_id) select id, $1, p from unnest($2::uuid[], $3::uuid[]) as t(id, p)',
    [c],
    [ids.households, households.map((h) => h.propertyId)],
  );
  const members = households.flatMap((h, i) =>
    h.members.map((m) => ({ ...m, householdId: ids.households[i]! })),
  );
  await insertColumns(
    tx,
    `insert into household_members (household_id, person_id, controller_id, relationship, started_on, ended_on)
     select h, p, $1, r, s::date, e::date from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[]) as t(h, p, r, s, e)`,
    [c],
    [
      members.map((m) => m.householdId),
      members.map((m) => m.personId),
      members.map((m) => m.relationship),
      members.map((m) => m.startedOn),
      members.map((m) => m.endedOn ?? null),
    ],
  );
  const tenancies = batch.tenancies ?? [];
  await insertColumns(
    tx,
    `insert into tenancies (id, controller_id, household_id, property_id, kind, started_on, ended_on)
     select id, $1, h, p, k, s::date, e::date from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[]) as t(id, h, p, k, s, e)`,
    [c],
    [
      ids.tenancies,
      tenancies.map((t) => t.householdId),
      tenancies.map((t) => t.propertyId),
      tenancies.map((t) => t.kind),
      tenancies.map((t) => t.startedOn),
      tenancies.map((t) => t.endedOn ?? null),
    ],
  );
  const parties = tenancies.flatMap((t, i) => t.parties.map((p) => [ids.tenancies[i]!, p] as const));
  await insertColumns(
    tx,
    'insert into tenancy_parties (tenancy_id, person_id, controller_id) select t, p, $1 from unnest($2::uuid[], $3::uuid[]) as x(t, p)',
    [c],
    [parties.map((x) => x[0]), parties.map((x) => x[1])],
  );
}

async function writeRecords(
  tx: Queryable,
  c: string,
  now: Date,
  records: BatchRecord[],
  ids: string[],
  keys: Map<string, Buffer | null>,
) {
  const iso = (d: Date | undefined) => d?.toISOString() ?? null;
  await insertColumns(
    tx,
    `insert into records (id, controller_id, person_id, record_type, payload, patch, team, assigned_to, created_at, occurred_at, closed_at, ended_at, updated_at)
     select id, $1, p, rt, pl, pa, te, asg, $2, o::timestamptz, cl::timestamptz, e::timestamptz, $2
     from unnest($3::uuid[], $4::uuid[], $5::text[], $6::bytea[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
       as t(id, p, rt, pl, pa, te, asg, o, cl, e)`,
    [c, now],
    [
      ids,
      records.map((r) => r.personId),
      records.map((r) => r.recordType),
      records.map((r, i) => seal(keys.get(r.personId)!, r.payload, aad(c, r.personId, `record/${ids[i]}`))),
      records.map((r) => r.patch ?? null),
      records.map((r) => r.team ?? null),
      records.map((r) => r.assignedTo ?? null),
      records.map((r) => iso(r.occurredAt)),
      records.map((r) => iso(r.closedAt)),
      records.map((r) => iso(r.endedAt)),
    ],
  );
  const mentions = records.flatMap((r, i) =>
    (r.mentions ?? []).map((m) => [ids[i]!, m.personId, m.part] as const),
  );
  await insertColumns(
    tx,
    `insert into mentions (record_id, person_id, controller_id, part)
     select r, p, $1, pt from unnest($2::uuid[], $3::uuid[], $4::text[]) as t(r, p, pt) on conflict do nothing`,
    [c],
    [mentions.map((m) => m[0]), mentions.map((m) => m[1]), mentions.map((m) => m[2])],
  );
}

export async function writeBatch(store: Store, call: Call, batch: Batch): Promise<BatchResult> {
  const manifest = manifestFor(store, batch.controllerId);
  const c = batch.controllerId;
  const referenced = [
    ...(batch.records ?? []).flatMap((r) => [r.personId, ...(r.mentions ?? []).map((m) => m.personId)]),
    ...(batch.households ?? []).flatMap((h) => h.members.map((m) => m.personId)),
    ...(batch.tenancies ?? []).flatMap((t) => t.parties),
  ];
  const known = await store.db.query<{ id: string }>(
    'select id from people where controller_id = $1 and id = any($2::uuid[]) and erased_at is null',
    [c, [...new Set(referenced.filter((id) => UUID.test(id)))]],
  );
  const { ids, problems } = prepare(store, call, batch, new Set(known.map((r) => r.id)));
  if (problems.length > 0) {
    const reason = `${problems.length} problem(s), first at ${problems[0]!.path}`;
    await store.db.transaction((tx) =>
      appendAudit(tx, [
        auditEvent(call, c, store.now(), { action: 'batch.write', outcome: 'denied', reason }),
      ]),
    );
    throw new BatchError(problems);
  }
  const now = store.now();
  const records = batch.records ?? [];
  const vault = vaultOf(store);
  const newKeys = await vault.create(c, ids.people);
  const existing = [...new Set(records.map((r) => r.personId).filter((id) => !newKeys.has(id)))];
  const keys = new Map<string, Buffer | null>([...newKeys, ...(await vault.load(existing))]);
  await store.db.transaction(async (tx) => {
    await registerController(tx, manifest);
    await writePeople(tx, store, c, now, batch.people ?? [], ids.people, newKeys);
    await writeHomes(tx, c, batch, ids);
    await writeRecords(tx, c, now, records, ids.records, keys);
    await appendAudit(tx, [
      ...(batch.people ?? []).map((p, i) =>
        auditEvent(call, c, now, {
          action: 'person.create',
          outcome: 'allowed',
          personId: ids.people[i]!,
          fields: Object.keys(p.profile),
        }),
      ),
      ...groupAccesses(
        auditEvent(call, c, now, { action: 'record.create', outcome: 'allowed' }),
        records.map((r, i) => ({
          personId: r.personId,
          recordId: ids.records[i]!,
          fields: Object.keys(r.payload),
          outcome: 'allowed' as const,
        })),
      ),
    ]);
  });
  return ids;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
