/**
 * What a subject access pack needs beyond the person's own file, read through the gate and audited
 * like every other read: records on OTHER people's files that mention the person, the names of the
 * other people in those records (for redaction), and the list of documents held (not their bytes).
 *
 * Each record is decided under the first of the given purposes its type serves, so the audit log
 * says which purpose opened it.
 */
import { decide, filterFields, type Decision, auditReason } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { groupAccesses, type Access } from '../audit/group.ts';
import type { AuditEvent } from '../audit/event.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Manifest } from '../manifest/schema.ts';
import { aad, unseal, recordAad } from '../store/person-keys.ts';
import { NotFound } from './errors.ts';
import { recordContext } from './record-rows.ts';
import { gateState, loadPersonRow, type Profile } from './people.ts';
import { auditEvent, manifestFor, PERSON_TYPE, type Call, type Store, vaultOf } from './store.ts';

/** The purpose under which a record of this type is read: the first listed purpose it serves. */
function purposeFor(manifest: Manifest, recordType: string, purposes: readonly string[]): string | undefined {
  const type = lookup(manifest).recordTypes.get(recordType);
  return purposes.find((p) => type?.activities.includes(p));
}

type PersonRow = NonNullable<Awaited<ReturnType<typeof loadPersonRow>>>;

export interface MentionedRecord {
  id: string;
  recordType: string;
  createdAt: Date;
  /** The person whose file holds the record (a third party to the requester). */
  subjectId: string;
  /** The requester's part(s) in it: complainant, witness… */
  parts: string[];
  /** Other people mentioned in the same record, besides the requester. */
  otherPeople: string[];
  fields: Record<string, unknown>;
}

export interface MentionsRead {
  records: MentionedRecord[];
  /** Mentioning records this actor may not see (audited as denied). */
  withheld: number;
}

interface MentionRow {
  id: string;
  person_id: string;
  record_type: string;
  payload: Uint8Array;
  patch: string | null;
  team: string | null;
  assigned_to: string | null;
  closed_at: Date | null;
  created_at: Date;
  parts: string[];
}

/**
 * Records on other people's files that mention `personId`, each opened only as far as the gate
 * allows under `purposes`. Audited per file holder, as for a file read.
 */
export async function readMentionsOf(
  store: Store,
  call: Call,
  personId: string,
  purposes: readonly string[],
): Promise<MentionsRead> {
  const rows = await store.db.query<MentionRow>(
    `select r.id, r.person_id, r.record_type, r.payload, r.patch, r.team, r.assigned_to, r.closed_at, r.created_at,
            array_agg(m.part order by m.part) as parts
       from mentions m join records r on r.id = m.record_id
      where m.person_id = $1 and r.person_id <> $1
      group by r.id order by r.created_at, r.id`,
    [personId],
  );
  if (rows.length === 0) return { records: [], withheld: 0 };
  const holderIds = [...new Set(rows.map((r) => r.person_id))];
  const others = await store.db.query<{ record_id: string; person_id: string }>(
    `select distinct record_id, person_id from mentions where record_id = any($1::uuid[]) and person_id <> $2`,
    [rows.map((r) => r.id), personId],
  );
  const keys = await vaultOf(store).load(holderIds);
  const holders = new Map<string, PersonRow>();
  for (const id of holderIds) {
    const row = await loadPersonRow(store.db, id, call.actor.id);
    if (row) holders.set(id, row);
  }
  const now = store.now();
  const records: MentionedRecord[] = [];
  const accesses = new Map<string | undefined, Access[]>();
  const controllers = new Map<string | undefined, string>();
  let withheld = 0;
  for (const row of rows) {
    const holder = holders.get(row.person_id);
    if (!holder) continue; // erased: nothing left to disclose
    const manifest = manifestFor(store, holder.controller_id);
    const purpose = purposeFor(manifest, row.record_type, purposes) ?? call.purpose;
    const d: Decision = decide(manifest, {
      actor: call.actor,
      purpose,
      action: 'read',
      controllerId: holder.controller_id,
      personId: row.person_id,
      recordType: row.record_type,
      record: recordContext(row),
      ...gateState(holder, { purpose, forRequestOf: call.forRequestOf }),
      now,
    });
    const list = accesses.get(purpose) ?? [];
    accesses.set(purpose, list);
    controllers.set(purpose, holder.controller_id);
    list.push({
      personId: row.person_id,
      recordId: row.id,
      outcome: d.allowed ? 'allowed' : 'denied',
      fields: d.fields,
      reason: auditReason(d),
    });
    if (!d.allowed) {
      withheld += 1;
      continue;
    }
    const payload = unseal<Record<string, unknown>>(
      keys.get(row.person_id),
      row.payload,
      recordAad(holder.controller_id, row.person_id, row.id),
    );
    records.push({
      id: row.id,
      recordType: row.record_type,
      createdAt: row.created_at,
      subjectId: row.person_id,
      parts: row.parts,
      otherPeople: others.filter((o) => o.record_id === row.id).map((o) => o.person_id),
      fields: filterFields(payload, d.fields),
    });
  }
  const events: AuditEvent[] = [];
  for (const [purpose, list] of accesses) {
    const base = auditEvent({ ...call, purpose }, controllers.get(purpose)!, now, {
      action: 'record.read',
      outcome: 'allowed',
    });
    events.push(...groupAccesses(base, list));
  }
  await appendAudit(store.db, events);
  return { records, withheld };
}

/** The people who share a current household with `personId` (joint tenants, household members). */
export async function householdOf(store: Store, personId: string): Promise<string[]> {
  const rows = await store.db.query<{ person_id: string }>(
    `select distinct other.person_id from household_members hm
       join household_members other on other.household_id = hm.household_id
      where hm.person_id = $1 and other.person_id <> $1 and hm.ended_on is null and other.ended_on is null`,
    [personId],
  );
  return rows.map((r) => r.person_id);
}

/** The profile fields used to recognise a person in free text. */
export const NAME_FIELDS = [
  'title',
  'givenName',
  'familyName',
  'niNumber',
  'customerRef',
  'email',
  'phone',
  'postcode',
] as const;

/**
 * Names and identifiers of other people, for redaction: each read through the gate (only the
 * fields in NAME_FIELDS that the actor may see) and audited. People the gate refuses are absent
 * from the result; their names can then be caught only as unknown names.
 */
export async function readNamesOf(
  store: Store,
  call: Call,
  personIds: readonly string[],
  purposes: readonly string[],
): Promise<Map<string, Profile>> {
  const out = new Map<string, Profile>();
  if (personIds.length === 0) return out;
  const keys = await vaultOf(store).load(personIds);
  const now = store.now();
  const events: AuditEvent[] = [];
  for (const personId of personIds) {
    const row = await loadPersonRow(store.db, personId, call.actor.id);
    if (!row) continue;
    const manifest = manifestFor(store, row.controller_id);
    let decision: Decision | undefined;
    let purpose = call.purpose;
    const candidates = purposes.filter((p) =>
      lookup(manifest).recordTypes.get(PERSON_TYPE)?.activities.includes(p),
    );
    for (const p of candidates.length ? candidates : [call.purpose]) {
      const fields = NAME_FIELDS.filter((f) =>
        lookup(manifest)
          .recordTypes.get(PERSON_TYPE)
          ?.fields.some((x) => x.name === f),
      );
      const d = decide(manifest, {
        actor: call.actor,
        purpose: p,
        action: 'read',
        controllerId: row.controller_id,
        personId,
        recordType: PERSON_TYPE,
        fields,
        record: { patch: row.patch, assignedTo: row.assigned ? call.actor.id : null },
        ...gateState(row, { purpose: p, forRequestOf: call.forRequestOf }),
        now,
      });
      decision = d;
      purpose = p;
      if (d.allowed) break;
    }
    if (!decision) continue;
    events.push(
      auditEvent({ ...call, purpose }, row.controller_id, now, {
        action: 'person.read',
        personId,
        outcome: decision.allowed ? 'allowed' : 'denied',
        fields: decision.fields,
        reason: auditReason(decision),
      }),
    );
    if (!decision.allowed) continue;
    const profile = unseal<Profile>(
      keys.get(personId),
      row.profile,
      aad(row.controller_id, personId, 'profile'),
    );
    out.set(personId, filterFields(profile, decision.fields));
  }
  await appendAudit(store.db, events);
  return out;
}

export interface DocumentListing {
  id: string;
  kind: string;
  mediaType: string;
  sizeBytes: number;
  createdAt: Date;
  recordId: string | null;
}

/**
 * The documents held about a person (ids, kinds, dates; never the bytes), each listed only if the
 * actor may read its parent (the record, or the person's details). The listing is audited.
 */
export async function listDocumentsOf(
  store: Store,
  call: Call,
  personId: string,
  purposes: readonly string[],
): Promise<{ documents: DocumentListing[]; withheld: number }> {
  const person = await loadPersonRow(store.db, personId, call.actor.id);
  if (!person) throw new NotFound('the person');
  const rows = await store.db.query<{
    id: string;
    kind: string;
    media_type: string;
    size_bytes: number;
    created_at: Date;
    record_id: string | null;
    record_type: string | null;
    patch: string | null;
    team: string | null;
    assigned_to: string | null;
    closed_at: Date | null;
  }>(
    `select d.id, d.kind, d.media_type, d.size_bytes, d.created_at, d.record_id,
            r.record_type, r.patch, r.team, r.assigned_to, r.closed_at
       from documents d left join records r on r.id = d.record_id
      where d.person_id = $1 order by d.created_at, d.id`,
    [personId],
  );
  const manifest = manifestFor(store, person.controller_id);
  const now = store.now();
  const documents: DocumentListing[] = [];
  const events: AuditEvent[] = [];
  let withheld = 0;
  for (const row of rows) {
    const recordType = row.record_type ?? PERSON_TYPE;
    const purpose = purposeFor(manifest, recordType, purposes) ?? call.purpose;
    const d = decide(manifest, {
      actor: call.actor,
      purpose,
      action: 'read',
      controllerId: person.controller_id,
      personId,
      recordType,
      record: row.record_type
        ? recordContext(row)
        : { patch: person.patch, assignedTo: person.assigned ? call.actor.id : null },
      ...gateState(person, { purpose, forRequestOf: call.forRequestOf }),
      now,
    });
    events.push(
      auditEvent({ ...call, purpose }, person.controller_id, now, {
        action: 'document.list',
        personId,
        recordIds: row.record_id ? [row.record_id] : [],
        fields: [`document:${row.kind}`],
        outcome: d.allowed ? 'allowed' : 'denied',
        reason: auditReason(d),
      }),
    );
    if (!d.allowed) {
      withheld += 1;
      continue;
    }
    documents.push({
      id: row.id,
      kind: row.kind,
      mediaType: row.media_type,
      sizeBytes: Number(row.size_bytes),
      createdAt: row.created_at,
      recordId: row.record_id,
    });
  }
  await appendAudit(store.db, events);
  return { documents, withheld };
}

/** People mentioned in the given records (ids only: their names are then read through the gate). */
export async function peopleMentionedIn(store: Store, recordIds: readonly string[]): Promise<string[]> {
  if (recordIds.length === 0) return [];
  const rows = await store.db.query<{ person_id: string }>(
    'select distinct person_id from mentions where record_id = any($1::uuid[])',
    [recordIds],
  );
  return rows.map((r) => r.person_id);
}
