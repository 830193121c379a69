/**
 * The history of corrections to a person's data (UK GDPR Art. 16), oldest first: each entry's old
 * and new value and reason opened only where the actor may read that field of that record type,
 * the rest counted as withheld. Reading it is rights work, so a restriction does not bar it; the
 * read is audited.
 */
import { decide } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { aad, unseal } from '../store/person-keys.ts';
import { NotFound } from './errors.ts';
import { recordContext } from './record-rows.ts';
import { gateState, loadPersonRow } from './people.ts';
import { auditEvent, manifestFor, recordDenial, type Call, type Store, vaultOf } from './store.ts';

export interface RectificationView {
  id: string;
  recordId: string | null;
  recordType: string;
  field: string;
  requestId: string | null;
  at: Date;
  actor: string;
  actorKind: string;
  old: unknown;
  new: unknown;
  reason: string;
}

interface Row {
  id: string;
  record_id: string | null;
  record_type: string;
  field: string;
  request_id: string | null;
  change: Uint8Array;
  actor: string;
  actor_kind: string;
  at: Date;
  patch: string | null;
  team: string | null;
  assigned_to: string | null;
  closed_at: Date | null;
}

export async function rectificationHistory(
  store: Store,
  call: Call,
  personId: string,
): Promise<{ entries: RectificationView[]; withheld: number }> {
  const person = await loadPersonRow(store.db, personId, call.actor.id);
  if (!person || person.controller_id !== call.actor.controllerId) {
    await recordDenial(
      store,
      auditEvent(call, call.actor.controllerId, store.now(), {
        action: 'rectification.read',
        outcome: 'denied',
        reason: 'no such person',
      }),
    );
    throw new NotFound('the person (personId)');
  }
  const rows = await store.db.query<Row>(
    `select x.id, x.record_id, x.record_type, x.field, x.request_id, x.change, x.actor, x.actor_kind, x.at,
            r.patch, r.team, r.assigned_to, r.closed_at
       from rectifications x left join records r on r.id = x.record_id
      where x.person_id = $1 order by x.seq`,
    [personId],
  );
  const key = (await vaultOf(store).load([personId])).get(personId);
  const manifest = manifestFor(store, person.controller_id);
  const now = store.now();
  const entries: RectificationView[] = [];
  for (const row of rows) {
    const d = decide(manifest, {
      actor: call.actor,
      purpose: call.purpose,
      action: 'read',
      controllerId: person.controller_id,
      personId,
      recordType: row.record_type,
      fields: [row.field],
      record: row.record_id
        ? recordContext(row)
        : { patch: person.patch, assignedTo: person.assigned ? call.actor.id : null },
      ...gateState(person, call),
      restricted: false,
      now,
    });
    if (!d.allowed || !d.fields.includes(row.field)) continue;
    const change = unseal<{ old: unknown; new: unknown; reason: string }>(
      key,
      row.change,
      aad(person.controller_id, personId, `rectifications/${row.id}`),
    );
    entries.push({
      id: row.id,
      recordId: row.record_id,
      recordType: row.record_type,
      field: row.field,
      requestId: row.request_id,
      at: row.at,
      actor: row.actor,
      actorKind: row.actor_kind,
      ...change,
    });
  }
  await appendAudit(store.db, [
    auditEvent(call, person.controller_id, now, {
      action: 'rectification.read',
      outcome: entries.length > 0 || rows.length === 0 ? 'allowed' : 'denied',
      personId,
      recordIds: [...new Set(entries.flatMap((e) => (e.recordId ? [e.recordId] : [])))],
      fields: [...new Set(entries.map((e) => e.field))],
      reason: rows.length > entries.length ? `${rows.length - entries.length} entr(ies) withheld` : null,
    }),
  ]);
  return { entries, withheld: rows.length - entries.length };
}
