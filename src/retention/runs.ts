/**
 * Runs and the disposal log: who started each sweep, replay or review decision, when, how it ended,
 * and what went, as counts by rule, record type and action. Nothing here identifies a person.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../store/db.ts';

export type RunKind = 'sweep' | 'replay' | 'review';
export type RunStatus = 'running' | 'finished' | 'failed' | 'interrupted';

export interface Run {
  id: string;
  controllerId: string;
  kind: RunKind;
  startedBy: string;
  startedAt: Date;
  asOf: Date;
  status: RunStatus;
  finishedAt: Date | null;
  auditSeq: number | null;
  auditHash: string | null;
  failure: string | null;
}

export interface LogLine {
  ruleId: string | null;
  recordType: string;
  action: 'erase' | 'anonymise' | 'review' | 'replay';
  records: number;
  mentions: number;
  documents: number;
  batches: number;
}

export async function startRun(
  db: Queryable,
  run: Pick<Run, 'controllerId' | 'kind' | 'startedBy' | 'asOf'> & { now: Date },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `insert into retention_runs (id, controller_id, kind, started_by, started_at, as_of, status)
     values ($1, $2, $3, $4, $5, $6, 'running')`,
    [id, run.controllerId, run.kind, run.startedBy, run.now, run.asOf],
  );
  return id;
}

/** Runs a dead process left running: called only by whoever holds the sweeper's lock. */
export async function markInterrupted(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query(
    `update retention_runs set status = 'interrupted', finished_at = $1 where status = 'running' returning id`,
    [now],
  );
  return rows.length;
}

/** Close a run, quoting the audit chain's head so the certificate can point into the chain. */
export async function finishRun(
  db: Queryable,
  runId: string,
  now: Date,
  status: 'finished' | 'failed',
  failure?: string,
): Promise<void> {
  await db.query(
    `update retention_runs set status = $2, finished_at = $3, failure = $4,
       audit_seq = h.seq, audit_hash = h.hash
     from audit_head h where h.id and retention_runs.id = $1`,
    [runId, status, now, failure ?? null],
  );
}

interface RunRow {
  id: string;
  controller_id: string;
  kind: RunKind;
  started_by: string;
  started_at: Date;
  as_of: Date;
  status: RunStatus;
  finished_at: Date | null;
  audit_seq: number | null;
  audit_hash: Uint8Array | null;
  failure: string | null;
}

const toRun = (r: RunRow): Run => ({
  id: r.id,
  controllerId: r.controller_id,
  kind: r.kind,
  startedBy: r.started_by,
  startedAt: r.started_at,
  asOf: r.as_of,
  status: r.status,
  finishedAt: r.finished_at,
  auditSeq: r.audit_seq,
  auditHash: r.audit_hash ? Buffer.from(r.audit_hash).toString('hex') : null,
  failure: r.failure,
});

export async function getRun(db: Queryable, runId: string): Promise<Run | undefined> {
  const [row] = await db.query<RunRow>('select * from retention_runs where id = $1', [runId]);
  return row ? toRun(row) : undefined;
}

/** The newest runs first. */
export async function listRuns(db: Queryable, controllerId: string, limit = 50): Promise<Run[]> {
  const rows = await db.query<RunRow>(
    'select * from retention_runs where controller_id = $1 order by started_at desc, id limit $2',
    [controllerId, limit],
  );
  return rows.map(toRun);
}

/** A run's disposal log, summed over its batches. */
export async function runLog(db: Queryable, runId: string): Promise<LogLine[]> {
  const rows = await db.query<{
    rule_id: string | null;
    record_type: string;
    action: LogLine['action'];
    records: number;
    mentions: number;
    documents: number;
    batches: number;
  }>(
    `select rule_id, record_type, action, sum(records)::int8 as records, sum(mentions)::int8 as mentions,
            sum(documents)::int8 as documents, count(*)::int8 as batches
     from retention_disposals where run_id = $1
     group by rule_id, record_type, action order by rule_id nulls first, record_type, action`,
    [runId],
  );
  return rows.map((r) => ({
    ruleId: r.rule_id,
    recordType: r.record_type,
    action: r.action,
    records: r.records,
    mentions: r.mentions,
    documents: r.documents,
    batches: r.batches,
  }));
}
