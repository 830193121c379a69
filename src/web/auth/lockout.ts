/**
 * Lockout after repeated failures, kept on the account row so it holds across instances: after
 * MAX_FAILURES wrong passwords or codes in a row the account is locked for LOCK_MINUTES. A
 * success clears the count. (Per-address rate limiting in front of it is per instance.)
 */
import type { Queryable } from '../../store/db.ts';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export type AccountTable = 'web_staff_accounts' | 'web_resident_accounts';

export interface LockState {
  failed_attempts: number;
  locked_until: Date | null;
}

export const isLocked = (row: LockState, now: Date): boolean =>
  row.locked_until !== null && row.locked_until > now;

export async function recordFailure(
  db: Queryable,
  table: AccountTable,
  id: string,
  now: Date,
): Promise<void> {
  await db.query(
    `update ${table} set failed_attempts = failed_attempts + 1,
            locked_until = case when failed_attempts + 1 >= $3 then $2::timestamptz + make_interval(mins => $4) else locked_until end
      where id = $1`,
    [id, now, MAX_FAILURES, LOCK_MINUTES],
  );
}

export async function recordSuccess(db: Queryable, table: AccountTable, id: string): Promise<void> {
  await db.query(`update ${table} set failed_attempts = 0, locked_until = null where id = $1`, [id]);
}
