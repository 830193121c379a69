/**
 * Reading one person's whole file through the gate (policy, decryption, audit) against fetching
 * the same rows by bare SQL, in a store of `total` records. Both paths are timed on the same
 * people, alternately, so the database's caches treat them alike.
 */
import { randomBytes } from 'node:crypto';
import type { Manifest } from '../src/manifest/schema.ts';
import { readPersonFile } from '../src/records/records.ts';
import { auditEvent, vaultOf, type Call, type Store } from '../src/records/store.ts';
import { recordAad, unseal } from '../src/store/person-keys.ts';
import { readAudit } from '../src/audit/group-commit.ts';
import type { Db } from '../src/store/db.ts';
import { LocalKeyRing } from '../src/store/keys.ts';
import { fillContactLogs, RECORDS_PER_PERSON } from './fill.ts';

/** The ids of a person's records, by bare SQL: what the floor's audit event lists. */
async function recordIdsOf(db: Db, personId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'select id from records where person_id = $1 order by created_at, id',
    [personId],
  );
  return rows.map((r) => r.id);
}

/**
 * The part of a gated read that no gate design can remove: committing the two events a file read
 * writes (the person's details, and the records as one grouped event), through the same group-commit
 * writer. The bare read plus this is the floor below which a read that is audited before its data
 * is returned cannot go.
 */
function auditAlone(db: Db, call: Call, controllerId: string, personId: string, recordIds: string[]) {
  const at = new Date();
  return readAudit(db).append([
    auditEvent(call, controllerId, at, {
      action: 'person.read',
      personId,
      outcome: 'allowed',
      fields: PROFILE_FIELDS,
    }),
    auditEvent(call, controllerId, at, { action: 'record.read', personId, recordIds, outcome: 'allowed' }),
  ]);
}

/** A person's sealed record payloads and their data key, fetched before timing starts. */
interface SealedFile {
  key: Buffer | null | undefined;
  payloads: { id: string; payload: Uint8Array }[];
}

async function sealedFileOf(store: Store, controllerId: string, personId: string): Promise<SealedFile> {
  const keys = await vaultOf(store).load([personId]);
  const payloads = await store.db.query<{ id: string; payload: Uint8Array }>(
    'select id, payload from records where person_id = $1 order by created_at, id',
    [personId],
  );
  return { key: keys.get(personId), payloads };
}

/**
 * The other part no gate design can remove: opening the file's sealed payloads (AES-256-GCM under the
 * person's key), in process, with the rows and the key already in hand. A gate that decrypts can
 * never be faster than the bare read plus this.
 */
function decryptionAlone(controllerId: string, personId: string, file: SealedFile): number {
  let opened = 0;
  for (const row of file.payloads) {
    unseal(file.key, row.payload, recordAad(controllerId, personId, row.id));
    opened += 1;
  }
  return opened;
}

const PROFILE_FIELDS = ['givenName', 'familyName', 'phone', 'postcode'];

async function bare(db: Db, personId: string): Promise<number> {
  const [person] = await db.query<{ profile: Uint8Array }>(
    'select id, controller_id, subject_types, profile from people where id = $1',
    [personId],
  );
  const rows = await db.query(
    'select id, record_type, payload, patch, team, assigned_to, closed_at, created_at from records where person_id = $1 order by created_at, id',
    [personId],
  );
  return (person ? 1 : 0) + rows.length;
}

export async function benchPersonFile(
  db: Db,
  manifest: Manifest,
  total: number,
  targetRatio?: number,
): Promise<boolean> {
  const controllerId = manifest.controller.id;
  const store: Store = {
    db,
    keys: new LocalKeyRing(new Map([['k1', randomBytes(32)]]), 'k1'),
    manifests: new Map([[controllerId, manifest]]),
    now: () => new Date(),
  };
  const system: Call = {
    actor: { id: 'bench', kind: 'system', controllerId, roles: [] },
    purpose: 'tenancy-management',
    channel: 'system',
  };
  const officer: Call = {
    actor: { id: 'officer-1', kind: 'staff', controllerId, roles: ['housing-officer'], patches: ['north'] },
    purpose: 'tenancy-management',
    channel: 'web',
  };
  console.log(
    `person file (${db.engine}): ${total.toLocaleString('en-GB')} records, ${RECORDS_PER_PERSON} per person`,
  );
  const people = await fillContactLogs(store, system, controllerId, total);
  const sample = Array.from({ length: 300 }, (_, i) => people[(i * 7919) % people.length]!);
  for (const id of sample.slice(0, 20)) await Promise.all([bare(db, id), readPersonFile(store, officer, id)]);
  const recordIds = new Map<string, string[]>();
  const sealed = new Map<string, SealedFile>();
  for (const id of sample) {
    recordIds.set(id, await recordIdsOf(db, id));
    sealed.set(id, await sealedFileOf(store, controllerId, id));
  }
  let bareMs = 0;
  let gateMs = 0;
  let auditMs = 0;
  let decryptMs = 0;
  for (const id of sample) {
    let t = performance.now();
    const n = await bare(db, id);
    bareMs += performance.now() - t;
    t = performance.now();
    const file = await readPersonFile(store, officer, id);
    gateMs += performance.now() - t;
    if (file.records.length + 1 !== n) throw new Error('the two paths read different rows');
    t = performance.now();
    await auditAlone(db, officer, controllerId, id, recordIds.get(id)!);
    auditMs += performance.now() - t;
    t = performance.now();
    if (decryptionAlone(controllerId, id, sealed.get(id)!) !== file.records.length)
      throw new Error('the decryption floor opened a different number of records');
    decryptMs += performance.now() - t;
  }
  const ratio = gateMs / bareMs;
  const per = (ms: number) => `${(ms / sample.length).toFixed(2)} ms`;
  console.log(`  bare SQL (baseline)      ${per(bareMs)} per file`);
  console.log(
    `  through the gate         ${per(gateMs)} per file (decide, decrypt, audit): ratio ${ratio.toFixed(2)}${targetRatio ? ` (target ≤ ${targetRatio})` : ''}`,
  );
  console.log(
    `  the audit write alone    ${per(auditMs)} per file: bare + audit write = ratio ${((bareMs + auditMs) / bareMs).toFixed(2)}, the floor for a read audited before it returns`,
  );
  console.log(
    `  decryption alone         ${per(decryptMs)} per file: bare + decryption = ratio ${((bareMs + decryptMs) / bareMs).toFixed(2)}, the floor for any read that decrypts; the gate against bare + decryption: ratio ${(gateMs / (bareMs + decryptMs)).toFixed(2)}`,
  );
  const bareRate = await throughput(sample, (id) => bare(db, id));
  const gateRate = await throughput(sample, (id) => readPersonFile(store, officer, id));
  console.log(
    `  ${CONCURRENT} readers at once    bare ${Math.round(bareRate).toLocaleString('en-GB')} files/s, through the gate ${Math.round(gateRate).toLocaleString('en-GB')} files/s: ratio ${(bareRate / gateRate).toFixed(2)}`,
  );
  return targetRatio === undefined || ratio <= targetRatio;
}

const CONCURRENT = 8;

/** Files read per second with CONCURRENT readers at once, as staff working together would. */
async function throughput(sample: string[], read: (id: string) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      while (next < sample.length) await read(sample[next++]!);
    }),
  );
  return (sample.length / (performance.now() - started)) * 1000;
}
