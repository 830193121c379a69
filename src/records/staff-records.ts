/**
 * Staff adding a record to a person's file from the back office: which record types the gate lets
 * them write for the purpose they opened the file for, and the write itself. A new record is put in
 * the person's patch (where their home is), so need-to-know is judged as it will be when the
 * record is read; the write is createRecord's (checked against the type, gated, sealed, audited).
 */
import { decide } from '../access/decide.ts';
import { lookup } from '../manifest/lookup.ts';
import type { RecordField } from '../manifest/schema.ts';
import { NotFound } from './errors.ts';
import { gateState, loadPersonRow } from './people.ts';
import { createRecord } from './records.ts';
import { manifestFor, PERSON_TYPE, type Call, type Store } from './store.ts';

export interface WritableType {
  id: string;
  name: string;
  /** The fields this actor may write, in the manifest's order. */
  fields: RecordField[];
}

async function personFor(store: Store, call: Call, personId: string) {
  const person = await loadPersonRow(store.db, personId, call.actor.id);
  if (!person) throw new NotFound('the person');
  return person;
}

/**
 * The record types the gate lets this actor create about the person for the call's purpose, with
 * the fields it may write. Only the gate's context is read (patch, restriction), not their details.
 */
export async function writableTypes(store: Store, call: Call, personId: string): Promise<WritableType[]> {
  const person = await personFor(store, call, personId);
  const manifest = manifestFor(store, person.controller_id);
  const now = store.now();
  const out: WritableType[] = [];
  for (const type of lookup(manifest).recordTypes.values()) {
    if (type.id === PERSON_TYPE || !call.purpose || !type.activities.includes(call.purpose)) continue;
    const d = decide(manifest, {
      actor: call.actor,
      purpose: call.purpose,
      action: 'create',
      controllerId: person.controller_id,
      personId,
      recordType: type.id,
      record: { patch: person.patch, assignedTo: call.actor.id },
      ...gateState(person, call),
      now,
    });
    if (d.allowed && d.fields.length > 0)
      out.push({
        id: type.id,
        name: type.name,
        fields: type.fields.filter((f) => d.fields.includes(f.name)),
      });
  }
  return out;
}

/** Add a record about the person, in their patch, through the records module's one write path. */
export async function addRecordToFile(
  store: Store,
  call: Call,
  input: { controllerId: string; personId: string; recordType: string; payload: Record<string, unknown> },
): Promise<string> {
  const person = await personFor(store, call, input.personId);
  return createRecord(store, call, { ...input, ...(person.patch && { patch: person.patch }) });
}
