/**
 * Documents: scanned ID, photos, CCTV clips, call recordings, letters. The bytes are sealed under
 * the subject's data key. A document attached to a record is seen by whoever may read that
 * record; one attached to the person alone (an ID scan) by whoever may read their details.
 */
import { randomUUID } from 'node:crypto';
import { decide, type AccessAction, type Decision, auditReason } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { aad, sealBytes, unsealBytes } from '../store/person-keys.ts';
import { AccessDenied, InputError, NotFound } from './errors.ts';
import { loadRecordGateRow, recordContext } from './record-rows.ts';
import { gateState, loadPersonRow } from './people.ts';
import {
  auditEvent,
  manifestFor,
  PERSON_TYPE,
  recordDenial,
  vaultOf,
  type Call,
  type Store,
} from './store.ts';

export const DOCUMENT_KINDS = [
  'id-document',
  'photo',
  'cctv-clip',
  'call-recording',
  'letter',
  'email',
  'other',
] as const;
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/;

export interface NewDocument {
  personId: string;
  recordId?: string;
  kind: (typeof DOCUMENT_KINDS)[number];
  mediaType: string;
  content: Buffer;
}

interface Parent {
  controllerId: string;
  recordType: string;
  record: { patch?: string | null; team?: string | null; assignedTo?: string | null; closedAt?: Date | null };
  /** The person's restriction and objections, as the gate takes them. */
  person: ReturnType<typeof gateState>;
}

async function parentOf(
  store: Store,
  call: Call,
  personId: string,
  recordId: string | undefined,
): Promise<Parent> {
  const person = await loadPersonRow(store.db, personId, call.actor.id);
  if (!person) throw new NotFound('the person');
  if (!recordId) {
    return {
      controllerId: person.controller_id,
      recordType: PERSON_TYPE,
      record: { patch: person.patch, assignedTo: person.assigned ? call.actor.id : null },
      person: gateState(person, call),
    };
  }
  const r = await loadRecordGateRow(store.db, recordId, personId);
  if (!r) throw new InputError('recordId', 'is not a record of this person');
  return {
    controllerId: person.controller_id,
    recordType: r.record_type,
    record: recordContext(r),
    person: gateState(person, call),
  };
}

function gate(store: Store, call: Call, parent: Parent, personId: string, action: AccessAction): Decision {
  return decide(manifestFor(store, parent.controllerId), {
    actor: call.actor,
    purpose: call.purpose,
    action,
    controllerId: parent.controllerId,
    personId,
    recordType: parent.recordType,
    record: parent.record,
    ...parent.person,
    now: store.now(),
  });
}

export function checkDocument(input: NewDocument): void {
  if (!DOCUMENT_KINDS.includes(input.kind))
    throw new InputError('kind', `must be one of ${DOCUMENT_KINDS.join(', ')}`);
  if (!MEDIA_TYPE.test(input.mediaType))
    throw new InputError('mediaType', 'must be a media type such as application/pdf');
  if (input.content.length === 0) throw new InputError('content', 'is empty');
  if (input.content.length > MAX_DOCUMENT_BYTES)
    throw new InputError('content', `is larger than ${MAX_DOCUMENT_BYTES} bytes`);
}

export async function addDocument(store: Store, call: Call, input: NewDocument): Promise<string> {
  checkDocument(input);
  const parent = await parentOf(store, call, input.personId, input.recordId);
  // Adding a document changes what is held about the person: it needs the right to write the parent.
  const decision = gate(
    store,
    call,
    parent,
    input.personId,
    parent.recordType === PERSON_TYPE ? 'update' : 'create',
  );
  const now = store.now();
  if (!decision.allowed) {
    await recordDenial(
      store,
      auditEvent(call, parent.controllerId, now, {
        action: 'document.create',
        outcome: 'denied',
        personId: input.personId,
        reason: decision.reason,
      }),
    );
    throw new AccessDenied(decision.reason);
  }
  const key = (await vaultOf(store).load([input.personId])).get(input.personId);
  if (!key) throw new NotFound('the person');
  const id = randomUUID();
  await store.db.transaction(async (tx) => {
    await tx.query(
      `insert into documents (id, controller_id, person_id, record_id, kind, media_type, size_bytes, content, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        parent.controllerId,
        input.personId,
        input.recordId ?? null,
        input.kind,
        input.mediaType,
        input.content.length,
        sealBytes(key, input.content, aad(parent.controllerId, input.personId, `document/${id}`)),
        now,
      ],
    );
    await appendAudit(tx, [
      auditEvent(call, parent.controllerId, now, {
        action: 'document.create',
        outcome: 'allowed',
        personId: input.personId,
        recordIds: input.recordId ? [input.recordId] : [],
        fields: [`document:${input.kind}`],
      }),
    ]);
  });
  return id;
}

export interface DocumentView {
  id: string;
  kind: string;
  mediaType: string;
  content: Buffer;
}

export async function readDocument(store: Store, call: Call, documentId: string): Promise<DocumentView> {
  const [doc] = await store.db.query<{
    person_id: string;
    record_id: string | null;
    kind: string;
    media_type: string;
    content: Uint8Array;
    controller_id: string;
  }>('select person_id, record_id, kind, media_type, content, controller_id from documents where id = $1', [
    documentId,
  ]);
  if (!doc) throw new NotFound('the document');
  const parent = await parentOf(store, call, doc.person_id, doc.record_id ?? undefined);
  const decision = gate(store, call, parent, doc.person_id, 'read');
  const now = store.now();
  const event = auditEvent(call, doc.controller_id, now, {
    action: 'document.read',
    personId: doc.person_id,
    recordIds: doc.record_id ? [doc.record_id] : [],
    fields: [`document:${doc.kind}`],
    outcome: decision.allowed ? 'allowed' : 'denied',
    reason: auditReason(decision),
  });
  if (!decision.allowed) {
    await recordDenial(store, event);
    throw new AccessDenied(decision.reason);
  }
  const key = (await vaultOf(store).load([doc.person_id])).get(doc.person_id);
  const content = unsealBytes(
    key,
    doc.content,
    aad(doc.controller_id, doc.person_id, `document/${documentId}`),
  );
  await appendAudit(store.db, [event]);
  return { id: documentId, kind: doc.kind, mediaType: doc.media_type, content };
}
