/**
 * The audit log: appending events (in transactions of 100, as a busy server would) and verifying
 * the chain. The baseline is a bare multi-row INSERT of the same rows with no hashing or chaining.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../src/audit/append.ts';
import type { AuditEvent } from '../src/audit/event.ts';
import { verifyChainInDatabase } from '../src/audit/verify-in-database.ts';
import { verifyChain } from '../src/audit/verify.ts';
import type { Db } from '../src/store/db.ts';
import { report } from './timing.ts';

const BATCH = 100;

function events(n: number, people: string[]): AuditEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    controllerId: 'bench',
    at: new Date(Date.UTC(2026, 10, 23, 9, 0, 0, i)),
    actor: `staff-${i % 50}`,
    actorKind: 'staff',
    purpose: 'tenancy-management',
    personId: people[i % people.length]!,
    recordId: null,
    action: 'record.read',
    fields: ['summary', 'channel', 'occurredAt'],
    channel: 'web',
    outcome: 'allowed',
  }));
}

async function bareInsert(db: Db, batch: AuditEvent[], seq0: number): Promise<void> {
  await db.query(
    `insert into bench_bare_audit (seq, actor, person_id, action, fields, at)
     select * from unnest($1::bigint[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[])`,
    [
      batch.map((_, i) => seq0 + i),
      batch.map((e) => e.actor),
      batch.map((e) => e.personId),
      batch.map((e) => e.action),
      batch.map((e) => e.fields!.join(',')),
      batch.map((e) => e.at),
    ],
  );
}

export async function benchAudit(
  db: Db,
  total: number,
  targets: { append: number; verify: number },
): Promise<boolean> {
  const people = Array.from({ length: 1000 }, () => randomUUID());
  const all = events(total, people);
  await db.exec(
    'create table if not exists bench_bare_audit (seq bigint primary key, actor text, person_id uuid, action text, fields text, at timestamptz)',
  );
  let start = performance.now();
  for (let i = 0; i < total; i += BATCH)
    await db.transaction((tx) => bareInsert(tx as Db, all.slice(i, i + BATCH), i));
  const bareSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  for (let i = 0; i < total; i += BATCH)
    await db.transaction((tx) => appendAudit(tx, all.slice(i, i + BATCH)));
  const appendSeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const verified = await verifyChainInDatabase(db);
  const verifySeconds = (performance.now() - start) / 1000;
  start = performance.now();
  const verifiedInJs = await verifyChain(db);
  const jsSeconds = (performance.now() - start) / 1000;
  if (!verifiedInJs.ok) throw new Error('the benchmark chain did not verify in process');
  if (!verified.ok || verified.events < total) throw new Error('the benchmark chain did not verify');
  const rate = (n: number, s: number) => Math.round(n / s);
  console.log(`audit (${db.engine}): ${total} events, in transactions of ${BATCH}`);
  console.log(`  bare insert (baseline)   ${rate(total, bareSeconds).toLocaleString('en-GB')} events/s`);
  console.log(
    `  append with hash chain   ${rate(total, appendSeconds).toLocaleString('en-GB')} events/s (target ≥ ${targets.append.toLocaleString('en-GB')}), ${(appendSeconds / bareSeconds).toFixed(2)}× the baseline's time`,
  );
  console.log(
    `  verify in the database   ${rate(verified.events, verifySeconds).toLocaleString('en-GB')} events/s (target ≥ ${targets.verify.toLocaleString('en-GB')})`,
  );
  console.log(
    `  verify in process        ${rate(verifiedInJs.events, jsSeconds).toLocaleString('en-GB')} events/s (the independent check)`,
  );
  await db.exec('drop table bench_bare_audit');
  return (
    rate(total, appendSeconds) >= targets.append &&
    rate(verified.events, verifySeconds) >= targets.verify &&
    report([])
  );
}
