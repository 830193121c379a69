import type { Queryable } from '../../store/db.ts';

/** The latest erasure plan proposed for a request, if any (ids only). */
export async function latestPlanId(db: Queryable, requestId: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    'select id from erasure_plans where request_id = $1 order by created_at desc limit 1',
    [requestId],
  );
  return row?.id;
}
