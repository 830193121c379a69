/** The review's stored rows, as both engines return them (dates as 'YYYY-MM-DD'). */
import type { Queryable } from '../../store/db.ts';
import type {
  Decision,
  ExemptionCode,
  IdentityMethod,
  ItemKind,
  RedactionReason,
  ReviewStatus,
} from './vocabulary.ts';

export interface ReviewRow {
  id: string;
  controller_id: string;
  request_id: string;
  person_id: string;
  status: ReviewStatus;
  purposes: string[];
  started_on: string;
  identity_method: IdentityMethod | null;
  identity_verified_on: string | null;
  released_on: string | null;
  accesses_until_seq: number;
}

export interface ItemRow {
  item_kind: ItemKind;
  item_id: string;
  source: 'own' | 'mention' | 'document' | 'disclosure';
  exemption: ExemptionCode | null;
  exemption_note: Uint8Array | null;
}

export interface FieldRow {
  record_id: string;
  field: string;
  length: number;
  digest: Uint8Array;
}

export interface RedactionRow {
  n: number;
  record_id: string;
  field: string;
  start_at: number;
  end_at: number;
  kind: string;
  origin: 'proposed' | 'added';
  reason: RedactionReason;
  decision: Decision | null;
  note: Uint8Array | null;
}

export async function loadReview(q: Queryable, id: string, lock = false): Promise<ReviewRow | undefined> {
  const [row] = await q.query<ReviewRow>(
    `select id, controller_id, request_id, person_id, status, purposes, started_on, identity_method,
            identity_verified_on, released_on, accesses_until_seq
       from sar_reviews where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return row;
}

export function loadItems(q: Queryable, reviewId: string): Promise<ItemRow[]> {
  return q.query<ItemRow>(
    `select item_kind, item_id, source, exemption, exemption_note from sar_review_items
      where review_id = $1 order by item_kind, item_id`,
    [reviewId],
  );
}

export function loadFields(q: Queryable, reviewId: string): Promise<FieldRow[]> {
  return q.query<FieldRow>(
    'select record_id, field, length, digest from sar_review_fields where review_id = $1',
    [reviewId],
  );
}

export function loadRedactions(q: Queryable, reviewId: string): Promise<RedactionRow[]> {
  return q.query<RedactionRow>(
    `select n, record_id, field, start_at, end_at, kind, origin, reason, decision, note
       from sar_review_redactions where review_id = $1 order by n`,
    [reviewId],
  );
}

/** Where sealed text of a review lives, bound into its associated data. */
export const place = {
  identity: (id: string) => `sar_reviews/${id}/identity`,
  exemption: (id: string, kind: string, itemId: string) => `sar_review_items/${id}/${kind}/${itemId}`,
  redaction: (id: string, n: number) => `sar_review_redactions/${id}/${n}`,
  pack: (id: string) => `sar_reviews/${id}/pack`,
};

/** The key under which a field's identity is written: record id and field name. */
export const fieldKey = (recordId: string, field: string): string => `${recordId}/${field}`;
