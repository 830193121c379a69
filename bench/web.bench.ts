/**
 * The web application under load: autocannon against a signed-in DPO's person view
 * (`/staff/people/<id>?purpose=subject-access`: session, gate, decryption, audit, GOV.UK page) on
 * the server engine, the load generator on the same machine. The baseline, in the same run: a bare
 * Fastify route answering the same people's rows by bare SQL as JSON (no session, gate, decryption,
 * audit or template). Target (issue 7): ≥ 500 requests/s, p99 under 100 ms, no errors.
 *
 * Alone: `BENCH_DATABASE_URL=postgres://… npx tsx bench/web.bench.ts` (a throwaway database is made
 * beside the one named, and dropped after); without it, PGlite in a temporary folder (no target).
 * BENCH_WEB_HOUSEHOLDS (default 200), BENCH_WEB_SECONDS (10), BENCH_WEB_CONNECTIONS (10).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { demoTenants, seedWebDemo } from '../src/app/demo-web.ts';
import { DEMO_MANIFEST } from '../src/app/compose.ts';
import { loadManifest } from '../src/manifest/validate.ts';
import type { Store } from '../src/records/store.ts';
import type { Db } from '../src/store/db.ts';
import { LocalKeyRing } from '../src/store/keys.ts';
import { openDatabase } from '../src/store/open.ts';
import { buildWebApp } from '../src/web/app.ts';
import { createSession, SESSION_COOKIE } from '../src/web/auth/sessions.ts';

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
type Cannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: { path: string }[];
}) => Promise<CannonResult>;
const LOAD_GENERATOR = new URL('./load-generator.ts', import.meta.url).pathname;

/** Autocannon in a child process, so the load is generated beside the server, not inside it. */
const autocannon: Cannon = (options) =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', LOAD_GENERATOR, JSON.stringify(options)],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as CannonResult)),
    );
  });

const SECONDS = Number(process.env.BENCH_WEB_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_WEB_CONNECTIONS ?? 10);
const PEOPLE = 50;

export interface WebFigures {
  view: CannonResult;
  baseline: CannonResult;
  ok: boolean;
}

async function signedInDpo(store: Store): Promise<string> {
  const [dpo] = await store.db.query<{ id: string }>(
    "select id from web_staff_accounts where username = 'dpo'",
  );
  return createSession(
    store.db,
    { accountKind: 'staff', accountId: dpo!.id, controllerId: 'brookvale-homes', stage: 'active' },
    new Date(),
    { idleMinutes: 30, maxHours: 12 },
  );
}

/** The same rows the person view reads, by bare SQL, served by a bare Fastify route. */
async function bareServer(db: Db) {
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/people/:id', async (request) => {
    const [person] = await db.query(
      'select id, controller_id, subject_types, profile from people where id = $1',
      [request.params.id],
    );
    const records = await db.query(
      'select id, record_type, payload, patch, team, assigned_to, closed_at, created_at from records where person_id = $1 order by created_at, id',
      [request.params.id],
    );
    return { person: person ? 1 : 0, records: records.length };
  });
  return app;
}

const line = (name: string, r: CannonResult) =>
  `  ${name.padEnd(40)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  errors ${r.errors + r.timeouts}, non-2xx ${r.non2xx}`;

export async function benchWeb(db: Db, households: number, withTarget: boolean): Promise<WebFigures> {
  const manifest = loadManifest(DEMO_MANIFEST);
  const store: Store = {
    db,
    keys: new LocalKeyRing(new Map([['k1', randomBytes(32)]]), 'k1'),
    manifests: new Map([[manifest.controller.id, manifest]]),
    now: () => new Date(),
  };
  console.log(
    `web: person view under autocannon (${db.engine}, ${households} households, ${CONNECTIONS} connections, ${SECONDS} s each)`,
  );
  await seedWebDemo(store, { households });
  const people = demoTenants(households)
    .slice(0, PEOPLE)
    .map((t) => t.id);
  const token = await signedInDpo(store);
  const app = await buildWebApp(store, { logger: false });
  const bare = await bareServer(db);
  const [appUrl, bareUrl] = [
    await app.listen({ port: 0, host: '127.0.0.1' }),
    await bare.listen({ port: 0, host: '127.0.0.1' }),
  ];
  try {
    const warm = await app.inject({
      url: `/staff/people/${people[0]}?purpose=subject-access`,
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    if (warm.statusCode !== 200) throw new Error(`the person view answered ${warm.statusCode}`);
    const load = loadavg()[0]!.toFixed(1);
    const baseline = await autocannon({
      url: bareUrl,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: people.map((id) => ({ path: `/people/${id}` })),
    });
    const view = await autocannon({
      url: appUrl,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
      requests: people.map((id) => ({ path: `/staff/people/${id}?purpose=subject-access` })),
    });
    const ok =
      view.requests.average >= 500 &&
      view.latency.p99 < 100 &&
      view.errors + view.timeouts + view.non2xx === 0;
    console.log(`  load average before: ${load}`);
    console.log(line('bare Fastify + bare SQL (baseline)', baseline));
    console.log(
      `${line('person view (session, gate, audit, page)', view)}; ratio ${(baseline.requests.average / Math.max(view.requests.average, 1)).toFixed(1)}x fewer than baseline${withTarget ? (ok ? ' ✓ ≥ 500 req/s, p99 < 100 ms, no errors' : ' ✗ misses ≥ 500 req/s, p99 < 100 ms, no errors') : ''}`,
    );
    return { view, baseline, ok: !withTarget || ok };
  } finally {
    await app.close();
    await bare.close();
    // Requests autocannon abandoned at the end may still be writing their audit events.
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

/** A throwaway database beside the one named, so the benchmark never touches its data. */
async function onServer(url: string, households: number): Promise<boolean> {
  const name = `custos_bench_web_${randomBytes(4).toString('hex')}`;
  const admin = await import('pg').then((pg) => new pg.default.Client({ connectionString: url }));
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    const target = new URL(url);
    target.pathname = `/${name}`;
    const db = await openDatabase({ databaseUrl: target.toString() });
    try {
      return (await benchWeb(db, households, true)).ok;
    } finally {
      await db.close();
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function runWebBench(): Promise<boolean> {
  const households = Number(process.env.BENCH_WEB_HOUSEHOLDS ?? 200);
  if (process.env.BENCH_DATABASE_URL) return onServer(process.env.BENCH_DATABASE_URL, households);
  const dir = mkdtempSync(join(tmpdir(), 'custos-bench-web-'));
  try {
    const db = await openDatabase({ dataDir: dir });
    try {
      return (await benchWeb(db, households, false)).ok;
    } finally {
      await db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.exitCode = (await runWebBench()) ? 0 : 1;
