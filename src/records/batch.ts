/**
 * Writing many people, households, tenancies, records and documents at once (the demo landlord, imports from a
 * housing management system). Everything is checked first — shape, references, the gate — and
 * every problem is reported with where it is; then all of it is written in one transaction, with
 * audit events grouped per person, or nothing is written at all.
 */
import { appendAudit } from '../audit/append.ts';
import { gateColumnsSql, gateState } from './people.ts';
import { groupAccesses } from '../audit/group.ts';
import { lookup } from '../manifest/lookup.ts';
import { checkHome, prepare } from './batch-check.ts';
import { lifecycleDates } from './lifecycle.ts';
import { checkPayload } from './payload.ts';
import { writeDocuments, writeHomes, writePeople, writeRecords } from './batch-rows.ts';
import { BatchError, type Batch, type BatchResult } from './batch-types.ts';
import {
  auditEvent,
  manifestFor,
  PERSON_TYPE,
  registerController,
  type Call,
  type Store,
  vaultOf,
} from './store.ts';

export * from './batch-types.ts';

export async function writeBatch(store: Store, call: Call, batch: Batch): Promise<BatchResult> {
  const manifest = manifestFor(store, batch.controllerId);
  const c = batch.controllerId;
  const referenced = [
    ...(batch.records ?? []).flatMap((r) => [r.personId, ...(r.mentions ?? []).map((m) => m.personId)]),
    ...(batch.households ?? []).flatMap((h) => h.members.map((m) => m.personId)),
    ...(batch.tenancies ?? []).flatMap((t) => t.parties),
    ...(batch.documents ?? []).map((d) => d.personId),
  ];
  const known = await store.db.query<Parameters<typeof gateState>[0]>(
    `select p.id, ${gateColumnsSql('p')}
       from people p where p.controller_id = $1 and p.id = any($2::uuid[]) and p.erased_at is null`,
    [c, [...new Set(referenced.filter((id) => UUID.test(id)))]],
  );
  const { ids, problems } = prepare(store, call, batch, new Map(known.map((r) => [r.id, gateState(r)])));
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
  const types = lookup(manifest).recordTypes;
  // Fill the lifecycle dates retention keys on from the payload where the caller did not give them.
  const records = (batch.records ?? []).map((r) => ({
    ...r,
    ...lifecycleDates(types.get(r.recordType)!, r.payload, r),
    // Stored as checked: free text cleaned, a person's identifiers normalised (payload.ts).
    payload: checkPayload(types.get(r.recordType)!, r.payload),
  }));
  const people = (batch.people ?? []).map((p) => ({
    ...p,
    profile: checkPayload(types.get(PERSON_TYPE)!, p.profile),
  }));
  const homes = { ...batch, properties: (batch.properties ?? []).map((p) => checkHome(p).home) };
  const vault = vaultOf(store);
  const newKeys = await vault.create(c, ids.people);
  const documents = batch.documents ?? [];
  const existing = [
    ...new Set([...records, ...documents].map((r) => r.personId).filter((id) => !newKeys.has(id))),
  ];
  const keys = new Map<string, Buffer | null>([...newKeys, ...(await vault.load(existing))]);
  await store.db.transaction(async (tx) => {
    await registerController(tx, manifest);
    await writePeople(tx, store, c, now, people, ids.people, newKeys);
    await writeHomes(tx, c, homes, ids);
    await writeRecords(tx, c, now, records, ids.records, keys);
    await writeDocuments(tx, c, now, documents, ids.documents, keys);
    await appendAudit(tx, [
      ...people.map((p, i) =>
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
      ...groupAccesses(
        auditEvent(call, c, now, { action: 'document.create', outcome: 'allowed' }),
        documents.map((d) => ({
          personId: d.personId,
          recordId: d.recordId ?? null,
          fields: [`document:${d.kind}`],
          outcome: 'allowed' as const,
        })),
      ),
    ]);
  });
  return ids;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
