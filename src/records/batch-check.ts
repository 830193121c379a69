/**
 * Checking a whole batch before anything is written: shapes, references within the batch and to
 * the store, and the gate for every person and record. Every problem is collected with its place.
 */
import { randomUUID } from 'node:crypto';
import { decide, type AccessAction } from '../access/decide.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Batch, BatchProblem, BatchProperty, BatchResult } from './batch-types.ts';
import { RELATIONSHIPS } from './batch-types.ts';
import { checkDocument } from './documents.ts';
import { InputError } from './errors.ts';
import { postcode, uprn, type Checked } from './formats.ts';
import { checkPayload } from './payload.ts';
import { MENTION_PARTS } from './records.ts';
import type { gateState } from './people.ts';
import { manifestFor, PERSON_TYPE, type Call, type Store } from './store.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A home's address, postcode and UPRN checked as the import checks them (formats.ts), and the
 * home as it is stored: postcode and UPRN in their normal form. A problem names the field only.
 */
export function checkHome(p: BatchProperty): {
  home: BatchProperty;
  problems: { field: keyof BatchProperty; reason: string }[];
} {
  const home = { ...p };
  const problems: { field: keyof BatchProperty; reason: string }[] = [];
  const format = (field: 'postcode' | 'uprn', raw: string, check: (raw: string) => Checked) => {
    const r = check(raw);
    if ('problem' in r) problems.push({ field, reason: r.problem });
    else home[field] = r.value;
  };
  if (!p.address?.trim()) problems.push({ field: 'address', reason: 'is required' });
  if (!p.postcode?.trim()) problems.push({ field: 'postcode', reason: 'is required' });
  else format('postcode', p.postcode, postcode);
  if (p.uprn !== undefined) format('uprn', p.uprn, uprn);
  return { home, problems };
}

/** Check every item and give each an id; collect every problem rather than stopping at the first. */
export function prepare(
  store: Store,
  call: Call,
  batch: Batch,
  existingPeople: ReadonlyMap<string, ReturnType<typeof gateState>>,
): { ids: BatchResult; problems: BatchProblem[] } {
  const manifest = manifestFor(store, batch.controllerId);
  const l = lookup(manifest);
  const problems: BatchProblem[] = [];
  const problem = (path: string, reason: string) => problems.push({ path, reason });
  const now = store.now();
  const gate = (
    path: string,
    personId: string,
    recordType: string,
    fields: string[],
    record = {},
    action: AccessAction = 'create',
  ) => {
    const d = decide(manifest, {
      actor: call.actor,
      purpose: call.purpose,
      action,
      controllerId: batch.controllerId,
      personId,
      recordType,
      record,
      // People already in the store bring their objections (and restriction) with them.
      ...existingPeople.get(personId),
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
  const ids: BatchResult = {
    people: [],
    properties: [],
    households: [],
    tenancies: [],
    records: [],
    documents: [],
  };
  const people = new Set(existingPeople.keys());
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
    for (const { field, reason } of checkHome(p).problems) problem(`properties[${i}].${field}`, reason);
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
  const recordsInBatch = new Map((batch.records ?? []).map((r, i) => [ids.records[i]!, r]));
  (batch.documents ?? []).forEach((d, i) => {
    const at = `documents[${i}]`;
    ids.documents.push(d.id ?? randomUUID());
    check(at, () => checkDocument(d));
    if (!people.has(d.personId)) return problem(`${at}.personId`, 'is not a known person');
    if (d.recordId === undefined) return gate(at, d.personId, PERSON_TYPE, [], {}, 'update');
    const record = recordsInBatch.get(d.recordId);
    if (!record || record.personId !== d.personId)
      return problem(`${at}.recordId`, "is not one of this person's records in the batch");
    gate(at, d.personId, record.recordType, [], {
      patch: record.patch,
      team: record.team,
      assignedTo: record.assignedTo ?? call.actor.id,
    });
  });
  return { ids, problems };
}
