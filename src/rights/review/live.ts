import type { Queryable } from '../../store/db.ts';

/** The review of an access request that is not superseded, if one was started (ids only). */
export async function liveReviewId(db: Queryable, requestId: string): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(
    "select id from sar_reviews where request_id = $1 and status <> 'superseded'",
    [requestId],
  );
  return row?.id;
}

/**
 * The identity check recorded in the request's live review, if one was: the method and the day
 * only (codes and a date; what was presented is never stored, and the caseworker's note is sealed).
 */
export async function reviewIdentityOf(
  db: Queryable,
  requestId: string,
): Promise<{ method: string; verifiedOn: string } | undefined> {
  const [row] = await db.query<{ identity_method: string | null; identity_verified_on: string | null }>(
    `select identity_method, identity_verified_on from sar_reviews
      where request_id = $1 and status <> 'superseded'`,
    [requestId],
  );
  return row?.identity_method && row.identity_verified_on
    ? { method: row.identity_method, verifiedOn: row.identity_verified_on }
    : undefined;
}

/** Whether a review hides any words: the redactions the caseworker accepted (counts, no text). */
export async function reviewHidesWords(db: Queryable, reviewId: string): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    "select count(*)::int as n from sar_review_redactions where review_id = $1 and decision = 'accepted'",
    [reviewId],
  );
  return (row?.n ?? 0) > 0;
}
