/**
 * Crash safety: a real sweep process over a PGlite store of the demo landlord is killed with SIGKILL
 * at random moments, again and again, and after each kill the store is opened and checked: every
 * record is either untouched (same sealed payload, mentions and documents) or fully disposed of
 * (with its mentions and documents), nothing that was not due has gone, the audit chain verifies,
 * and the disposal log, the audit and the tombstones agree with the store. A last run to the end
 * leaves every due record disposed of and every interrupted run marked so.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, openStore } from '../../src/app/compose.ts';
import { verifyChainInDatabase } from '../../src/audit/verify-in-database.ts';
import { generateDemo } from '../../src/demo/run.ts';
import { dueRecords } from '../../src/records/disposal-due.ts';
import { manifestFor, vaultOf, type Store } from '../../src/records/store.ts';
import { scheduleFor } from '../../src/retention/rules.ts';
import { snapshot } from './fixture.ts';

const SWEEPER = new URL('./crash-sweeper.ts', import.meta.url).pathname;
const KILLS = 8;
const dir = mkdtempSync(join(tmpdir(), 'custos-crash-'));
// Always PGlite in its own folder, whatever engine the rest of the suite runs on.
const env = {
  ...process.env,
  CUSTOS_DATA_DIR: dir,
  DATABASE_URL: '',
  CUSTOS_KEYS_URL: '',
  CUSTOS_MASTER_KEY: '',
  CUSTOS_MANIFEST: '',
  SWEEP_BATCH: '3',
};

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(configFromEnv(env), env);
  try {
    return await fn(store);
  } finally {
    await store.db.close();
  }
}

let before: Map<string, string>;
let due: Set<string>;
let reviewDue: Set<string>;
let documentsOf: Map<string, string[]>;
/** Documents held against a person, not a record: they go with the person (the person rule). */
let personDocuments: Set<string>;

beforeAll(async () => {
  await withStore(async (store) => {
    await generateDemo(store, { households: 60, seed: 11 });
    before = await snapshot(store.db);
    const controllerId = [...store.manifests.keys()][0]!;
    due = new Set();
    reviewDue = new Set();
    // Due as of now; the demo's data is as of a fixed day in the past, so nothing new falls due
    // while the test runs.
    for (const s of scheduleFor(manifestFor(store, controllerId), new Map())) {
      if (!s.due) continue;
      for (const r of await dueRecords(store.db, s.due, new Date()))
        (s.due.action === 'review' ? reviewDue : due).add(r.id);
    }
    const docs = await store.db.query<{ id: string; record_id: string }>(
      'select id, record_id from documents where record_id is not null',
    );
    documentsOf = new Map();
    for (const d of docs) documentsOf.set(d.record_id, [...(documentsOf.get(d.record_id) ?? []), d.id]);
    const loose = await store.db.query<{ id: string }>('select id from documents where record_id is null');
    personDocuments = new Set(loose.map((d) => d.id));
  });
  expect(due.size).toBeGreaterThan(100);
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the sweeper; kill it once it has reported `killAfter` records (plus a random moment), or let it finish. */
function sweep(killAfter: number | null): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SWEEPER], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let armed = false;
    const kill = () => {
      if (armed) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 25));
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (killAfter === null) return;
      if (killAfter === 0 && output.includes('ready')) kill();
      const done = [...output.matchAll(/batch (\d+)\//g)].map((m) => Number(m[1])).at(-1) ?? -1;
      if (killAfter > 0 && done >= killAfter) kill();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', output }));
  });
}

interface Check {
  disposed: number;
  running: number;
}

/** Every invariant the issue asks for, on the store as the last process left it. */
async function check(label: string): Promise<Check> {
  return withStore(async (store) => {
    const now = await snapshot(store.db);
    const gone = [...before.keys()].filter((id) => !now.has(id));
    for (const [id, state] of now)
      expect(state, `${label}: record changed but not disposed of`).toBe(before.get(id));
    for (const id of gone) expect(due.has(id), `${label}: a record that was not due went`).toBe(true);

    const goneDocs = gone.flatMap((id) => documentsOf.get(id) ?? []);
    const leftover = await store.db.query(
      'select 1 from mentions where record_id = any($1::uuid[]) union all select 1 from documents where record_id = any($1::uuid[])',
      [gone],
    );
    expect(leftover, `${label}: a disposed record left mentions or documents`).toEqual([]);

    expect((await verifyChainInDatabase(store.db)).ok, `${label}: audit chain`).toBe(true);
    const [log] = await store.db.query<{ disposed: number; queued: number; people: number }>(
      `select coalesce(sum(records) filter (where action <> 'review' and record_type <> 'person'), 0)::int8 as disposed,
              coalesce(sum(records) filter (where action = 'review'), 0)::int8 as queued,
              coalesce(sum(records) filter (where record_type = 'person'), 0)::int8 as people from retention_disposals`,
    );
    expect(log!.disposed, `${label}: disposal log vs store`).toBe(gone.length);
    // People's own details (the person type's rule): as many erased as the log says went.
    const [erased] = await store.db.query<{ n: number }>(
      'select count(*)::int8 as n from people where erased_at is not null',
    );
    expect(erased!.n, `${label}: people erased vs log`).toBe(log!.people);
    const [queue] = await store.db.query<{ n: number }>('select count(*)::int8 as n from retention_reviews');
    expect(log!.queued, `${label}: review log vs queue`).toBe(queue!.n);
    const [audited] = await store.db.query<{ n: number }>(
      "select coalesce(sum(cardinality(record_ids)), 0)::int8 as n from audit_events where action = 'record.erase'",
    );
    expect(audited!.n, `${label}: audit vs store`).toBe(gone.length);

    const outbox = await store.db.query<{ id: string }>(
      'select unnest(record_ids || document_ids) as id from retention_outbox',
    );
    const tombstones = (await vaultOf(store).tombstonesSince(null, { limit: 100_000 })).filter(
      (t) => t.kind !== 'person' && !personDocuments.has(t.id),
    );
    const marked = new Set(
      [...outbox.map((r) => r.id), ...tombstones.map((r) => r.id)].filter((id) => !personDocuments.has(id)),
    );
    expect(
      [...gone, ...goneDocs].filter((id) => !marked.has(id)),
      `${label}: ids without a tombstone`,
    ).toEqual([]);
    expect(marked.size, `${label}: tombstones for what is still here`).toBe(gone.length + goneDocs.length);

    const [runs] = await store.db.query<{ running: number }>(
      "select count(*) filter (where status = 'running')::int8 as running from retention_runs",
    );
    return { disposed: gone.length, running: runs!.running };
  });
}

describe('crash safety of retention sweeps (PGlite, SIGKILL)', () => {
  it(`leaves every record untouched or fully disposed of, across ${KILLS} kills and a restart`, async () => {
    let kills = 0;
    let last = 0;
    for (let i = 0; i < KILLS; i++) {
      // Kill during start-up now and then; otherwise somewhere in the batches still to do.
      const remaining = due.size + reviewDue.size - last;
      const killAfter = i % 4 === 0 ? 0 : 1 + Math.floor(Math.random() * Math.max(1, remaining * 0.8));
      const { killed, output } = await sweep(killAfter);
      if (killed) kills += 1;
      else expect(output, `sweep ${i} exited on its own`).toContain('done');
      const state = await check(`after kill ${i} (at ${killAfter})`);
      expect(state.disposed).toBeGreaterThanOrEqual(last);
      last = state.disposed;
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS / 2);

    const { killed, output } = await sweep(null);
    expect(killed).toBe(false);
    expect(output).toContain('done');
    const final = await check('after the last run');
    expect(final).toEqual({ disposed: due.size, running: 0 });
    await withStore(async (store) => {
      const [interrupted] = await store.db.query<{ n: number }>(
        "select count(*)::int8 as n from retention_runs where status = 'interrupted'",
      );
      expect(interrupted!.n).toBeGreaterThan(0);
      const queue = await store.db.query<{ record_id: string }>('select record_id from retention_reviews');
      expect(new Set(queue.map((q) => q.record_id))).toEqual(reviewDue);
    });
  }, 480_000);
});
