/**
 * Reading what a portability export holds (UK GDPR Art. 20): the person's details and records of
 * the types asked for, each opened through the gate under the caller's purpose and narrowed to the
 * fields asked for (those the person provided under consent or contract, chosen by the caller from
 * the manifest). Every access, allowed or refused, is audited as one export.
 */
import { decide, filterFields, auditReason, type AccessRequest } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { groupAccesses, type Access } from '../audit/group.ts';
import { aad, recordAad, unseal } from '../store/person-keys.ts';
import { NotFound } from './errors.ts';
import { RECORD_COLUMNS, recordContext, type RecordRow } from './record-rows.ts';
import { gateState, loadPersonRow } from './people.ts';
import {
  auditEvent,
  manifestFor,
  PERSON_TYPE,
  recordDenial,
  type Call,
  type Store,
  vaultOf,
} from './store.ts';

/** The fields wanted of each record type (PERSON_TYPE for the person's own details). */
export type PortableSelection = ReadonlyMap<string, readonly string[]>;

export interface PortableRecord {
  id: string;
  recordType: string;
  createdAt: Date;
  fields: Record<string, unknown>;
}

export interface PortableData {
  personId: string;
  details: Record<string, unknown>;
  records: PortableRecord[];
  /** Records (and the details, if refused) the gate withheld from this caller. */
  withheld: number;
  /** The gate's reason when it refused everything asked for. */
  refused?: string;
}

export async function readPortable(
  store: Store,
  call: Call,
  personId: string,
  selection: PortableSelection,
): Promise<PortableData> {
  const action = 'portability.export';
  const now = store.now();
  const person = await loadPersonRow(store.db, personId, call.actor.id);
  if (!person || person.controller_id !== call.actor.controllerId) {
    await recordDenial(
      store,
      auditEvent(call, call.actor.controllerId, now, { action, outcome: 'denied', reason: 'no such person' }),
    );
    throw new NotFound('the person (personId)');
  }
  const manifest = manifestFor(store, person.controller_id);
  const types = [...selection.keys()].filter((t) => t !== PERSON_TYPE);
  const rows = await store.db.query<RecordRow>(
    `select ${RECORD_COLUMNS} from records
      where person_id = $1 and record_type = any($2::text[]) order by created_at, id`,
    [personId, types],
  );
  const key = (await vaultOf(store).load([personId])).get(personId);
  const base: Omit<AccessRequest, 'recordType' | 'fields' | 'record'> = {
    actor: call.actor,
    purpose: call.purpose,
    action: 'read',
    controllerId: person.controller_id,
    personId,
    ...gateState(person, call),
    now,
  };
  const accesses: Access[] = [];
  let withheld = 0;
  let refused: string | undefined;
  let details: Record<string, unknown> = {};
  const wantedDetails = selection.get(PERSON_TYPE);
  if (wantedDetails?.length) {
    const d = decide(manifest, {
      ...base,
      recordType: PERSON_TYPE,
      fields: wantedDetails,
      record: { patch: person.patch, assignedTo: person.assigned ? call.actor.id : null },
    });
    accesses.push({
      personId,
      recordId: personId,
      outcome: d.allowed ? 'allowed' : 'denied',
      fields: d.fields,
      reason: auditReason(d),
    });
    if (d.allowed)
      details = filterFields(
        unseal(key, person.profile, aad(person.controller_id, personId, 'profile')),
        d.fields,
      );
    else {
      withheld += 1;
      refused = d.reason;
    }
  }
  const records: PortableRecord[] = [];
  for (const row of rows) {
    const d = decide(manifest, {
      ...base,
      recordType: row.record_type,
      fields: selection.get(row.record_type),
      record: recordContext(row),
    });
    accesses.push({
      personId,
      recordId: row.id,
      outcome: d.allowed ? 'allowed' : 'denied',
      fields: d.fields,
      reason: auditReason(d),
    });
    if (!d.allowed) {
      withheld += 1;
      refused ??= d.reason;
      continue;
    }
    const payload = unseal<Record<string, unknown>>(
      key,
      row.payload,
      recordAad(person.controller_id, personId, row.id),
    );
    records.push({
      id: row.id,
      recordType: row.record_type,
      createdAt: row.created_at,
      fields: filterFields(payload, d.fields),
    });
  }
  // The details' access carries the person's id in place of a record id; the audit lists records only.
  const events = groupAccesses(
    auditEvent(call, person.controller_id, now, { action, outcome: 'allowed' }),
    accesses,
  ).map((e) => ({ ...e, recordIds: (e.recordIds ?? []).filter((id) => id !== personId) }));
  await appendAudit(
    store.db,
    events.length
      ? events
      : [auditEvent(call, person.controller_id, now, { action, outcome: 'allowed', personId })],
  );
  const nothing = records.length === 0 && Object.keys(details).length === 0;
  return { personId, details, records, withheld, ...(nothing && refused ? { refused } : {}) };
}
