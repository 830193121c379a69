/**
 * "My jobs" for contractors: the records assigned to the actor (repairs, say) that are still open,
 * each with the fields the actor's role declares and the subject's details the role may see
 * (name, phone, address), through the gate and audited in the same transaction as any read.
 * A closed job is not even selected; the gate refuses it anyway (scope "assigned" ends with the
 * job), so a job disappears from the list the moment it closes.
 */
import { auditReason, decide, filterFields, type Decision } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import type { AuditEvent } from '../audit/event.ts';
import { groupAccesses, type Access } from '../audit/group.ts';
import { lookup } from '../manifest/lookup.ts';
import { aad, recordAad, unseal } from '../store/person-keys.ts';
import { gateColumnsSql, gateState, type Profile } from './people.ts';
import type { ConsentRow } from './consent-gate.ts';
import { auditEvent, manifestFor, PERSON_TYPE, type Call, type Store, vaultOf } from './store.ts';

export interface Job {
  recordId: string;
  recordType: string;
  personId: string;
  /** When the job was reported (occurred), else when it was recorded. */
  openedAt: Date;
  /** The record's fields this actor may see. */
  fields: Record<string, unknown>;
  /** The subject's details this actor may see (empty if none). */
  person: Profile;
}

interface JobRow {
  id: string;
  person_id: string;
  record_type: string;
  payload: Uint8Array;
  patch: string | null;
  team: string | null;
  assigned_to: string;
  closed_at: Date | null;
  opened_at: Date;
  controller_id: string;
  profile: Uint8Array;
  restricted: boolean;
  objections: string[];
  consents: ConsentRow[];
}

/** The record types the actor's "assigned"-scope roles may read under the call's purpose. */
export function jobRecordTypes(store: Store, call: Call): string[] {
  const l = lookup(manifestFor(store, call.actor.controllerId));
  const types = new Set<string>();
  for (const id of call.actor.roles) {
    const role = l.roles.get(id);
    if (!role || role.scope !== 'assigned' || !call.purpose || !role.purposes.includes(call.purpose))
      continue;
    for (const a of role.access) if (a.recordType !== PERSON_TYPE) types.add(a.recordType);
  }
  return [...types];
}

/** The actor's open jobs, oldest first (at most `limit`), as the gate lets them be seen. */
export async function listAssignedJobs(store: Store, call: Call, limit = 200): Promise<Job[]> {
  const controllerId = call.actor.controllerId;
  const manifest = manifestFor(store, controllerId);
  const types = jobRecordTypes(store, call);
  if (types.length === 0) return [];
  const now = store.now();
  const rows = await store.db.query<JobRow>(
    `select r.id, r.person_id, r.record_type, r.payload, r.patch, r.team, r.assigned_to, r.closed_at,
            coalesce(r.occurred_at, r.created_at) as opened_at, p.controller_id, p.profile, ${gateColumnsSql('p')}
       from records r join people p on p.id = r.person_id
      where r.controller_id = $1 and r.assigned_to = $2 and r.record_type = any($3::text[])
        and (r.closed_at is null or r.closed_at > $4) and p.erased_at is null
      order by opened_at, r.id limit $5`,
    [controllerId, call.actor.id, types, now, limit],
  );
  const decided = rows.map((row) => {
    const base = {
      actor: call.actor,
      purpose: call.purpose,
      action: 'read' as const,
      controllerId,
      personId: row.person_id,
      ...gateState(row, call),
      now,
    };
    const record = { patch: row.patch, team: row.team, assignedTo: row.assigned_to, closedAt: row.closed_at };
    return {
      row,
      job: decide(manifest, { ...base, recordType: row.record_type, record }),
      person: decide(manifest, { ...base, recordType: PERSON_TYPE, record }),
    };
  });
  await store.db.transaction((tx) => appendAudit(tx, auditEventsFor(call, controllerId, now, decided)));
  const keys = await vaultOf(store).load([...new Set(rows.map((r) => r.person_id))]);
  return decided
    .filter((d) => d.job.allowed)
    .map(({ row, job, person }) => open(row, job, person, keys.get(row.person_id)));
}

type Decided = { row: JobRow; job: Decision; person: Decision };

/** One person.read per subject and the record reads grouped per subject and outcome. */
function auditEventsFor(call: Call, controllerId: string, now: Date, decided: Decided[]): AuditEvent[] {
  const events: AuditEvent[] = [];
  const seen = new Set<string>();
  const accesses: Access[] = [];
  for (const { row, job, person } of decided) {
    if (!seen.has(row.person_id)) {
      seen.add(row.person_id);
      events.push(
        auditEvent(call, controllerId, now, {
          action: 'person.read',
          personId: row.person_id,
          outcome: person.allowed ? 'allowed' : 'denied',
          fields: person.fields,
          reason: auditReason(person),
        }),
      );
    }
    accesses.push({
      personId: row.person_id,
      recordId: row.id,
      outcome: job.allowed ? 'allowed' : 'denied',
      fields: job.fields,
      reason: auditReason(job),
    });
  }
  return [
    ...events,
    ...groupAccesses(
      auditEvent(call, controllerId, now, { action: 'record.read', outcome: 'allowed' }),
      accesses,
    ),
  ];
}

function open(row: JobRow, job: Decision, person: Decision, key: Buffer | null | undefined): Job {
  const profile = person.allowed
    ? filterFields(
        unseal<Profile>(key, row.profile, aad(row.controller_id, row.person_id, 'profile')),
        person.fields,
      )
    : {};
  const payload = unseal<Record<string, unknown>>(
    key,
    row.payload,
    recordAad(row.controller_id, row.person_id, row.id),
  );
  return {
    recordId: row.id,
    recordType: row.record_type,
    personId: row.person_id,
    openedAt: row.opened_at,
    fields: filterFields(payload, job.fields),
    person: profile,
  };
}
