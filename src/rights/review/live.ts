import type { Queryable } from '../../store/db.ts';

/** The review of an access request that is not superseded, if one was started (ids only). */
export async function liveReviewId(db: Queryable, requestId: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    "select id from sar_reviews where request_id = $1 and status <> 'superseded'",
    [requestId],
  );
  return row?.id;
}
