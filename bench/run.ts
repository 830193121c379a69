/**
 * `npm run bench`: every benchmark, each against its bare baseline, with this machine described.
 * The store benchmarks run on PGlite in a temporary folder, and on the PostgreSQL server named by
 * BENCH_DATABASE_URL when it is set (a database the benchmark may fill and empty).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/store/open.ts';
import { benchAudit } from './audit.bench.ts';
import { benchManifest } from './manifest.bench.ts';
import { benchPersonFile } from './person-file.bench.ts';
import { benchRetention } from './retention.bench.ts';
import { benchSar } from './sar.bench.ts';
import { runWebBench } from './web.bench.ts';
import { loadManifest } from '../src/manifest/validate.ts';
import { DEMO_MANIFEST } from '../src/app/compose.ts';

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
const results: boolean[] = process.env.BENCH_ONLY === 'store' ? [] : [await benchManifest()];

const dir = mkdtempSync(join(tmpdir(), 'custos-bench-'));
try {
  const embedded = await openDatabase({ dataDir: dir });
  results.push(await benchAudit(embedded, 50_000, { append: 5_000, verify: 200_000 }));
  results.push(
    await benchPersonFile(
      embedded,
      loadManifest(DEMO_MANIFEST),
      Number(process.env.BENCH_EMBEDDED_RECORDS ?? 100_000),
    ),
  );
  results.push(
    await benchSar(
      embedded,
      loadManifest(DEMO_MANIFEST),
      Number(process.env.BENCH_EMBEDDED_RECORDS ?? 100_000),
    ),
  );
  results.push(
    await benchRetention(
      embedded,
      loadManifest(DEMO_MANIFEST),
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
  await server.exec(
    "truncate audit_events; update audit_head set seq = 0, hash = decode(repeat('00', 32), 'hex')",
  );
  results.push(await benchAudit(server, 200_000, { append: 20_000, verify: 200_000 }));
  await server.exec(
    'truncate records, people, person_lookup, household_members, tenancy_parties, mentions, documents cascade',
  );
  results.push(
    await benchPersonFile(
      server,
      loadManifest(DEMO_MANIFEST),
      Number(process.env.BENCH_SERVER_RECORDS ?? 1_000_000),
      1.5,
    ),
  );
  results.push(
    await benchSar(
      server,
      loadManifest(DEMO_MANIFEST),
      Number(process.env.BENCH_SERVER_RECORDS ?? 1_000_000),
      2000,
    ),
  );
  results.push(
    await benchRetention(
      server,
      loadManifest(DEMO_MANIFEST),
      Number(process.env.BENCH_RETENTION_SERVER ?? 1_000_000),
      20_000,
    ),
  );
  await server.close();
} else {
  console.log('server engine: set BENCH_DATABASE_URL=postgres://… to run the store benchmarks on PostgreSQL');
}
// The web application under autocannon: on the server when BENCH_DATABASE_URL is set (a throwaway database beside it).
results.push(await runWebBench());
if (results.includes(false)) {
  console.log('some figures missed their targets');
  process.exitCode = 1;
}
