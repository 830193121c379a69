/** The returns made so far, for the DPO: counts, dates and file digests only. */
import type { Queryable } from '../store/db.ts';
import type { ReturnKind } from './kinds.ts';

export interface ReturnSummary {
  id: string;
  kind: ReturnKind;
  recipientId: string;
  agreementId: string;
  activityId: string;
  from: string;
  to: string;
  generatedAt: Date;
  generatedBy: string;
  approvedBy: string;
  people: number;
  rows: number;
  excluded: Record<string, number>;
  files: { name: string; rows: number; sha256: string }[];
}

interface Row {
  id: string;
  kind: ReturnKind;
  recipient_id: string;
  agreement_id: string;
  activity_id: string;
  period_from: string;
  period_to: string;
  generated_at: Date;
  generated_by: string;
  approved_by: string;
  people: number;
  row_count: number;
  excluded: Record<string, number>;
  files: ReturnSummary['files'];
}

export async function listReturns(q: Queryable, controllerId: string, limit = 50): Promise<ReturnSummary[]> {
  const rows = await q.query<Row>(
    `select id, kind, recipient_id, agreement_id, activity_id, period_from, period_to, generated_at, generated_by,
            approved_by, people, row_count, excluded, files
       from routine_returns where controller_id = $1 order by generated_at desc, id limit $2`,
    [controllerId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    recipientId: r.recipient_id,
    agreementId: r.agreement_id,
    activityId: r.activity_id,
    from: r.period_from,
    to: r.period_to,
    generatedAt: r.generated_at,
    generatedBy: r.generated_by,
    approvedBy: r.approved_by,
    people: r.people,
    rows: r.row_count,
    excluded: r.excluded,
    files: r.files,
  }));
}
