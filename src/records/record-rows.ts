/**
 * A record as the gate sees it: what stays in clear for need-to-know (type, patch, team, the job's
 * assignee and when it closed) beside the sealed payload. One shape, one column list and one
 * mapping to the gate's RecordContext, for every module that reads records.
 */
import type { RecordContext } from '../access/decide.ts';
import type { Queryable } from '../store/db.ts';

/** What the gate needs to decide a record, without its contents. */
export interface RecordGateRow {
  record_type: string;
  patch: string | null;
  team: string | null;
  assigned_to: string | null;
  closed_at: Date | null;
}

export interface RecordRow extends RecordGateRow {
  id: string;
  payload: Uint8Array;
  created_at: Date;
}

/** The columns of a RecordRow, for `select ${RECORD_COLUMNS} from records …`. */
export const RECORD_COLUMNS = 'id, record_type, payload, patch, team, assigned_to, closed_at, created_at';

export function recordContext(row: Omit<RecordGateRow, 'record_type'>): RecordContext {
  return { patch: row.patch, team: row.team, assignedTo: row.assigned_to, closedAt: row.closed_at };
}

/** The gate's view of one of this person's records; undefined when the person has no such record. */
export async function loadRecordGateRow(
  q: Queryable,
  recordId: string,
  personId: string,
): Promise<RecordGateRow | undefined> {
  const [row] = await q.query<RecordGateRow>(
    'select record_type, patch, team, assigned_to, closed_at from records where id = $1 and person_id = $2',
    [recordId, personId],
  );
  return row;
}
