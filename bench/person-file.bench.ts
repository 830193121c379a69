/**
 * Reading one person's whole file through the gate (policy, decryption, audit) against fetching
 * the same rows by bare SQL, in a store of `total` records. Both paths are timed on the same
 * people, alternately, so the database's caches treat them alike.
 */
import { randomBytes } from 'node:crypto';
import type { Manifest } from '../src/manifest/schema.ts';
import { readPersonFile } from '../src/records/records.ts';
import type { Call, Store } from '../src/records/store.ts';
import type { Db } from '../src/store/db.ts';
import { LocalKeyRing } from '../src/store/keys.ts';
import { fillContactLogs, RECORDS_PER_PERSON } from './fill.ts';

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
  let bareMs = 0;
  let gateMs = 0;
  for (const id of sample) {
    let t = performance.now();
    const n = await bare(db, id);
    bareMs += performance.now() - t;
    t = performance.now();
    const file = await readPersonFile(store, officer, id);
    gateMs += performance.now() - t;
    if (file.records.length + 1 !== n) throw new Error('the two paths read different rows');
  }
  const ratio = gateMs / bareMs;
  console.log(`  bare SQL (baseline)      ${(bareMs / sample.length).toFixed(2)} ms per file`);
  console.log(
    `  through the gate         ${(gateMs / sample.length).toFixed(2)} ms per file (decide, decrypt, audit): ratio ${ratio.toFixed(2)}${targetRatio ? ` (target ≤ ${targetRatio})` : ''}`,
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
