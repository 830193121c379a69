import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/access/decide.ts';
import { loadManifest } from '../../src/manifest/validate.ts';
import { writeBatch } from '../../src/records/batch.ts';
import { addDocument, readDocument } from '../../src/records/documents.ts';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import { vaultOf, type Call, type Store } from '../../src/records/store.ts';
import { KeyDestroyedError } from '../../src/store/person-keys.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';

const manifest = loadManifest(new URL('../../examples/demo-landlord.yaml', import.meta.url).pathname, {
  today: '2026-11-23',
});
const controllerId = manifest.controller.id;
const system: Call = {
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose: 'repairs',
  channel: 'system',
};
const contractor: Actor = {
  id: 'contractor-1',
  kind: 'third-party',
  controllerId,
  roles: ['repairs-contractor'],
};
const officer: Actor = {
  id: 'officer-1',
  kind: 'staff',
  controllerId,
  roles: ['housing-officer'],
  patches: ['north'],
};
const MARKER = 'SYNTHETIC-RECORDING-0001';
let t: TestDb;
let store: Store;
let person: string;
let repair: string;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  const ids = await writeBatch(
    store,
    { ...system, purpose: 'tenancy-management' },
    {
      controllerId,
      people: [{ subjectTypes: ['tenant'], profile: { givenName: 'Dot', familyName: 'Document' } }],
    },
  );
  person = ids.people[0]!;
  repair = (
    await writeBatch(store, system, {
      controllerId,
      records: [
        {
          personId: person,
          recordType: 'repair',
          payload: { description: 'Boiler' },
          assignedTo: contractor.id,
        },
      ],
    })
  ).records[0]!;
});
afterAll(async () => t?.close());

describe(`documents (${ENGINE})`, () => {
  let recording: string;

  it('seals the bytes under the subject key', async () => {
    recording = await addDocument(store, system, {
      personId: person,
      recordId: repair,
      kind: 'call-recording',
      mediaType: 'audio/mpeg',
      content: Buffer.from(`ID3${MARKER}`),
    });
    const [row] = await t.db.query<{ content: Uint8Array; size_bytes: number }>(
      'select content, size_bytes from documents where id = $1',
      [recording],
    );
    expect(Buffer.from(row!.content).toString('latin1')).not.toContain(MARKER);
    expect(row!.size_bytes).toBe(3 + MARKER.length);
  });

  it('lets whoever may read the record read its document, and no one else', async () => {
    const doc = await readDocument(
      store,
      { actor: contractor, purpose: 'repairs', channel: 'web' },
      recording,
    );
    expect(doc.content.toString()).toBe(`ID3${MARKER}`);
    expect(doc.mediaType).toBe('audio/mpeg');
    await expect(
      readDocument(store, { actor: officer, purpose: 'tenancy-management', channel: 'web' }, recording),
    ).rejects.toThrow(AccessDenied);
  });

  it('refuses bad documents with the field and the reason', async () => {
    const base = {
      personId: person,
      kind: 'photo' as const,
      mediaType: 'image/jpeg',
      content: Buffer.from('x'),
    };
    await expect(addDocument(store, system, { ...base, kind: 'selfie' as never })).rejects.toMatchObject({
      field: 'kind',
    });
    await expect(addDocument(store, system, { ...base, mediaType: 'jpeg' })).rejects.toMatchObject({
      field: 'mediaType',
    });
    await expect(addDocument(store, system, { ...base, content: Buffer.alloc(0) })).rejects.toBeInstanceOf(
      InputError,
    );
    await expect(readDocument(store, system, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
      NotFound,
    );
  });

  it('is unreadable once the person is erased', async () => {
    await vaultOf(store).destroy([person], new Date());
    await expect(
      readDocument(store, { actor: contractor, purpose: 'repairs', channel: 'web' }, recording),
    ).rejects.toThrow(KeyDestroyedError);
  });
});
