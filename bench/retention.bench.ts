/**
 * Retention sweeps: a store of `total` contact-log records (50 per person, a tenth of people with a
 * tenancy that ended over six years ago, so a tenth of records are due), swept through the real
 * path (due query, batches re-checked and locked, mentions, audit, disposal log, outbox and vault
 * tombstones, one transaction per batch) against the bare-SQL delete of as many other records in
 * batches of the same size, in the same run. Run alone with `npx tsx bench/retention.bench.ts`
 * (BENCH_RETENTION_EMBEDDED, BENCH_RETENTION_SERVER sizes; BENCH_DATABASE_URL for the server).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Manifest } from '../src/manifest/schema.ts';
import { writeBatch, type Batch, type BatchRecord } from '../src/records/batch.ts';
import type { Call, Store } from '../src/records/store.ts';
import { planRetention, runRetention } from '../src/retention/index.ts';
import type { Db } from '../src/store/db.ts';
import { LocalKeyRing } from '../src/store/keys.ts';

const PER_PERSON = 50;
const PEOPLE_PER_BATCH = 500;
const SWEEP_BATCH = Number(process.env.BENCH_RETENTION_BATCH ?? 2000);

/** Empty every table a store fills, so the bench starts from a known state whatever ran before. */
export async function emptyStore(db: Db): Promise<void> {
  await db.exec(
    `truncate retention_disposals, retention_reviews, retention_runs, retention_outbox, retention_state,
       retention_holds, retention_events, retention_anonymised, vault_tombstones, vault_person_keys,
       mentions, documents, records, tenancy_parties, tenancies, household_members, households, properties,
       person_lookup, people cascade`,
  );
}

interface Filled {
  /** Records on people whose tenancy goes on: never due; the bare delete's share. */
  fodder: string[];
}

function chunk(
  controllerId: string,
  start: number,
  fodderPerChunk: number,
): { batch: Batch; fodder: string[] } {
  const people = Array.from({ length: PEOPLE_PER_BATCH }, (_, i) => ({
    id: randomUUID(),
    subjectTypes: ['tenant'],
    profile: { givenName: 'Bench', familyName: `Sweep${start + i}`, postcode: 'BV1 2ZZ' },
  }));
  const properties = people.map((_, i) => ({
    id: randomUUID(),
    address: `${start + i} Bench Road`,
    postcode: 'BV1 2ZZ',
  }));
  const households = people.map((p, i) => ({
    id: randomUUID(),
    propertyId: properties[i]!.id,
    members: [{ personId: p.id, relationship: 'sole-tenant' as const, startedOn: '2010-01-01' }],
  }));
  // One person in ten left in 2015: everything of theirs is six years past their tenancy's end.
  const ended = (i: number) => i % 10 === 0;
  const tenancies = people.map((p, i) => ({
    householdId: households[i]!.id,
    propertyId: properties[i]!.id,
    kind: 'assured',
    startedOn: '2010-01-01',
    ...(ended(i) && { endedOn: '2015-03-31' }),
    parties: [p.id],
  }));
  const record = (personId: string, k: number, neighbour: string): BatchRecord => ({
    id: randomUUID(),
    personId,
    recordType: 'contact-log',
    payload: {
      channel: 'phone',
      summary: `Call ${k} about the rent account`,
      occurredAt: '2014-06-01T09:00:00Z',
    },
    ...(k % 10 === 0 && { mentions: [{ personId: neighbour, part: 'other' as const }] }),
  });
  const records = people.flatMap((p, i) =>
    Array.from({ length: PER_PERSON }, (_, k) => record(p.id, k, people[(i + 1) % people.length]!.id)),
  );
  const ongoing = people.filter((_, i) => !ended(i));
  const fodderRecords = Array.from({ length: fodderPerChunk }, (_, k) =>
    record(ongoing[k % ongoing.length]!.id, k + 1, ongoing[(k + 1) % ongoing.length]!.id),
  );
  return {
    batch: {
      controllerId,
      people,
      properties,
      households,
      tenancies,
      records: [...records, ...fodderRecords],
    },
    fodder: fodderRecords.map((r) => r.id!),
  };
}

async function fill(store: Store, call: Call, controllerId: string, total: number): Promise<Filled> {
  const fodder: string[] = [];
  const started = performance.now();
  const perChunk = PEOPLE_PER_BATCH * PER_PERSON;
  for (let done = 0; done < total; done += perChunk) {
    const c = chunk(controllerId, done / PER_PERSON, perChunk / 10);
    await writeBatch(store, call, c.batch);
    fodder.push(...c.fodder);
    process.stderr.write(
      `\r  filling: ${Math.min(done + perChunk, total).toLocaleString('en-GB')} records (+ ${fodder.length.toLocaleString('en-GB')} for the baseline)`,
    );
  }
  process.stderr.write(` in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  return { fodder };
}

/** The baseline: delete these records (and their mentions) by bare SQL, a transaction per batch. */
async function bareDelete(db: Db, ids: string[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < ids.length; i += SWEEP_BATCH) {
    const batch = ids.slice(i, i + SWEEP_BATCH);
    await db.transaction(async (tx) => {
      await tx.query('delete from mentions where record_id = any($1::uuid[])', [batch]);
      await tx.query('delete from records where id = any($1::uuid[])', [batch]);
    });
  }
  return performance.now() - started;
}

export async function benchRetention(
  db: Db,
  manifest: Manifest,
  total: number,
  target: number,
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
  console.log(
    `retention sweep (${db.engine}): ${total.toLocaleString('en-GB')} records, 10% due; batches of ${SWEEP_BATCH}`,
  );
  await emptyStore(db);
  const { fodder } = await fill(store, system, controllerId, total);
  await db.exec('vacuum analyze');

  const bareMs = await bareDelete(db, fodder);
  const [plan] = await planRetention(store);
  const due = plan!.lines.reduce((n, l) => n + l.due, 0);
  const started = performance.now();
  const [result] = await runRetention(store, { startedBy: 'bench', batchSize: SWEEP_BATCH });
  const sweepMs = performance.now() - started;
  const swept = result!.log.reduce((n, l) => n + l.records, 0);
  if (swept !== due || due !== total / 10)
    throw new Error(`expected ${total / 10} due, planned ${due}, swept ${swept}`);

  const bareRate = fodder.length / (bareMs / 1000);
  const sweepRate = swept / (sweepMs / 1000);
  const ok = sweepRate >= target;
  console.log(
    `  bare SQL delete (baseline)   ${Math.round(bareRate).toLocaleString('en-GB').padStart(9)} records/s (${fodder.length.toLocaleString('en-GB')} in ${(bareMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  retention sweep              ${Math.round(sweepRate).toLocaleString('en-GB').padStart(9)} records/s (${swept.toLocaleString('en-GB')} in ${(sweepMs / 1000).toFixed(1)} s): ` +
      `${(bareRate / sweepRate).toFixed(1)}× the bare time; target ≥ ${target.toLocaleString('en-GB')}/s ${ok ? '✓' : '✗'}`,
  );
  return ok;
}

// Run alone: PGlite in a temporary folder, and the server when BENCH_DATABASE_URL is set.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { openDatabase } = await import('../src/store/open.ts');
  const { loadManifest } = await import('../src/manifest/validate.ts');
  const { DEMO_MANIFEST } = await import('../src/app/compose.ts');
  const manifest = loadManifest(DEMO_MANIFEST);
  const results: boolean[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'custos-bench-retention-'));
  try {
    const embedded = await openDatabase({ dataDir: dir });
    results.push(
      await benchRetention(
        embedded,
        manifest,
        Number(process.env.BENCH_RETENTION_EMBEDDED ?? 200_000),
        5_000,
      ),
    );
    await embedded.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_DATABASE_URL) {
    const server = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL });
    results.push(
      await benchRetention(server, manifest, Number(process.env.BENCH_RETENTION_SERVER ?? 1_000_000), 20_000),
    );
    await server.close();
  }
  if (results.includes(false)) process.exitCode = 1;
}
