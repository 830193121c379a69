/** An automated decision's stored rows and their sealed parts. */
import type { Queryable } from '../../store/db.ts';
import { aad, seal, unseal } from '../../store/person-keys.ts';

export type Scalar = string | number | boolean | null;

export interface Outcome {
  value: Scalar;
  /** The outcome in words, e.g. "Band B: a reasonable preference for rehousing". */
  summary?: string;
}

export interface DecisionRow {
  id: string;
  controller_id: string;
  person_id: string;
  activity_id: string;
  decision_kind: string;
  logic_version: string;
  record_id: string | null;
  decided_at: Date;
  content: Uint8Array;
}

export interface ReviewRow {
  id: string;
  decision_id: string;
  person_id: string;
  request_id: string | null;
  status: 'requested' | 'completed';
  requested_at: Date;
  requested_by: string;
  completed_at: Date | null;
  reviewer: string | null;
  result: 'upheld' | 'changed' | null;
  words: Uint8Array;
}

export interface DecisionContent {
  inputs: Record<string, Scalar>;
  outcome: Outcome;
}

export interface ReviewWords {
  why: string | null;
  reasons?: string;
  outcome?: Outcome;
}

export async function loadDecision(q: Queryable, id: string): Promise<DecisionRow | undefined> {
  const [row] = await q.query<DecisionRow>(
    `select id, controller_id, person_id, activity_id, decision_kind, logic_version, record_id, decided_at, content
       from automated_decisions where id = $1`,
    [id],
  );
  return row;
}

export async function loadReviews(q: Queryable, decisionId: string): Promise<ReviewRow[]> {
  return q.query<ReviewRow>(
    `select id, decision_id, person_id, request_id, status, requested_at, requested_by, completed_at, reviewer, result, words
       from automated_decision_reviews where decision_id = $1 order by requested_at, id`,
    [decisionId],
  );
}

export async function loadReview(q: Queryable, id: string, lock = false): Promise<ReviewRow | undefined> {
  const [row] = await q.query<ReviewRow>(
    `select id, decision_id, person_id, request_id, status, requested_at, requested_by, completed_at, reviewer, result, words
       from automated_decision_reviews where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return row;
}

const where = {
  decision: (c: string, p: string, id: string) => aad(c, p, `automated_decisions/${id}`),
  review: (c: string, p: string, id: string) => aad(c, p, `automated_decision_reviews/${id}`),
};

export const sealContent = (key: Buffer, c: string, p: string, id: string, content: DecisionContent) =>
  seal(key, content, where.decision(c, p, id));
export const openContent = (key: Buffer | null | undefined, row: DecisionRow) =>
  unseal<DecisionContent>(key, row.content, where.decision(row.controller_id, row.person_id, row.id));
export const sealReview = (key: Buffer, c: string, p: string, id: string, words: ReviewWords) =>
  seal(key, words, where.review(c, p, id));
export const openReview = (key: Buffer | null | undefined, c: string, row: ReviewRow) =>
  unseal<ReviewWords>(key, row.words, where.review(c, row.person_id, row.id));
