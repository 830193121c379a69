/** The request's stored rows, as both engines return them (dates as 'YYYY-MM-DD'). */
import type { Queryable } from '../../store/db.ts';
import type { Jurisdiction } from '../clock/index.ts';
import type { RefusalReason, RequestChannel, RequestStatus, Right } from './vocabulary.ts';

export interface RequestRow {
  id: string;
  controller_id: string;
  person_id: string;
  representative_id: string | null;
  right: Right;
  channel: RequestChannel;
  status: RequestStatus;
  refusal_reason: RefusalReason | null;
  jurisdiction: Jurisdiction;
  received_on: string;
  id_received_on: string | null;
  authority_received_on: string | null;
  extension_told_on: string | null;
  extension_months: number | null;
  extension_reasons: Uint8Array | null;
  due_on: string;
  details: Uint8Array;
}

export interface ClarificationRow {
  n: number;
  asked_on: string;
  answered_on: string | null;
}

export async function loadRequest(q: Queryable, id: string, lock = false): Promise<RequestRow | undefined> {
  const [row] = await q.query<RequestRow>(
    `select id, controller_id, person_id, representative_id, "right", channel, status, refusal_reason, jurisdiction,
            received_on, id_received_on, authority_received_on, extension_told_on, extension_months,
            extension_reasons, due_on, details
       from rights_requests where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return row;
}

export function loadClarifications(q: Queryable, id: string): Promise<ClarificationRow[]> {
  return q.query<ClarificationRow>(
    'select n, asked_on, answered_on from rights_request_clarifications where request_id = $1 order by n',
    [id],
  );
}

/** Where sealed text of a request lives, bound into its associated data. */
export const place = {
  details: (id: string) => `rights_requests/${id}/details`,
  extension: (id: string) => `rights_requests/${id}/extension`,
  event: (id: string, n: number) => `request_events/${id}/${n}`,
};
