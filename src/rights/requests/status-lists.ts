/**
 * The DPO's other lists, beside the deadline lists: requests waiting for the person (proof of
 * identity, proof of authority, or an answer to a question), and requests that are finished. A
 * paused request must stay in sight: a request asked for ID after its deadline had passed, or
 * asked to clarify too late to stop the clock, would otherwise drop out of every list. Like the
 * deadline lists these carry ids, codes and dates only, so reading them unseals nothing.
 */
import type { Store } from '../../records/store.ts';
import { daysRemaining, type IsoDate } from '../clock/index.ts';
import { clockInput, computeDue } from './due.ts';
import { ukDate } from './input.ts';
import {
  LISTED_COLUMNS,
  listedFields,
  REQUEST_COLUMNS,
  requestFields,
  type ListedRow,
  type RequestRow,
} from './lists.ts';
import type { ClarificationRow } from './rows.ts';
import type { RefusalReason, RequestStatus, Right } from './vocabulary.ts';

/** Statuses in which the request waits for something from the person or their representative. */
export const WAITING_STATUSES = ['awaiting-id', 'awaiting-authority', 'awaiting-clarification'] as const;
export type WaitingStatus = (typeof WAITING_STATUSES)[number];

/** The outcomes a request ends with; "closed" is a finished request filed away afterwards. */
export const OUTCOMES = ['completed', 'refused', 'withdrawn'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const FINISHED_STATUSES: readonly RequestStatus[] = [...OUTCOMES, 'closed'];

export interface WaitingRequest {
  id: string;
  personId: string;
  representativeId: string | null;
  right: Right;
  status: WaitingStatus;
  receivedOn: IsoDate;
  /** The day the request began to wait (the day of the move into its status). */
  since: IsoDate;
  /**
   * What the clock gives once the wait ends. Proof of identity or authority starts the clock
   * afresh (a month from the day it arrives); an answer to a question restarts it with the days
   * that were left, which the clock counts as if the answer came today (negative once overdue:
   * a question asked after the deadline stops nothing).
   */
  resumes: { kind: 'fresh-month' } | { kind: 'days-left'; days: number; due: IsoDate };
  /** The deadline as it stood when the wait began, and whether the wait began after it had passed. */
  dueBefore: IsoDate;
  askedAfterDeadline: boolean;
}

export interface FinishedRequest {
  id: string;
  personId: string;
  right: Right;
  status: RequestStatus;
  /** Completed, refused or withdrawn: null only if the history lacks the move (it never should). */
  outcome: Outcome | null;
  refusalReason: RefusalReason | null;
  receivedOn: IsoDate;
  /** The day of the outcome. */
  closedOn: IsoDate | null;
}

interface WaitingRow extends ListedRow<WaitingStatus> {
  id_received_on: string | null;
  authority_received_on: string | null;
  extension_told_on: string | null;
  extension_months: number | null;
  since: string;
}

async function clarificationsOf(
  store: Store,
  ids: readonly string[],
): Promise<Map<string, ClarificationRow[]>> {
  const byRequest = new Map<string, ClarificationRow[]>();
  if (!ids.length) return byRequest;
  const rows = await store.db.query<ClarificationRow & { request_id: string }>(
    `select request_id, n, asked_on, answered_on from rights_request_clarifications
      where request_id = any($1::uuid[]) order by request_id, n`,
    [ids],
  );
  for (const r of rows) byRequest.set(r.request_id, [...(byRequest.get(r.request_id) ?? []), r]);
  return byRequest;
}

function resumesOf(
  row: WaitingRow,
  clarifications: readonly ClarificationRow[],
  today: IsoDate,
): WaitingRequest['resumes'] {
  if (row.status !== 'awaiting-clarification') return { kind: 'fresh-month' };
  const due = computeDue(clockInput(row, clarifications, today)).due;
  return { kind: 'days-left', days: daysRemaining(due, today), due };
}

/** Requests waiting for the person, longest waiting first. */
export async function waitingList(
  store: Store,
  controllerId: string,
  options: { today?: IsoDate } = {},
): Promise<{ today: IsoDate; requests: WaitingRequest[] }> {
  const today = options.today ?? ukDate(store.now());
  const rows = await store.db.query<WaitingRow>(
    `select ${LISTED_COLUMNS}, r.id_received_on, r.authority_received_on, r.extension_told_on, r.extension_months,
            (select max(e.on_date) from request_events e where e.request_id = r.id and e.to_status = r.status) as since
       from rights_requests r
      where r.controller_id = $1 and r.status = any($2::text[])
      order by since, r.received_on, r.id`,
    [controllerId, WAITING_STATUSES],
  );
  const clarifications = await clarificationsOf(
    store,
    rows.filter((r) => r.status === 'awaiting-clarification').map((r) => r.id),
  );
  const requests = rows.map((r) => {
    const since = r.since ?? r.received_on;
    return {
      ...listedFields(r),
      since,
      resumes: resumesOf(r, clarifications.get(r.id) ?? [], today),
      dueBefore: r.due_on,
      askedAfterDeadline: since > r.due_on,
    };
  });
  return { today, requests };
}

/** How many requests wait for the person: the staff home shows it so a pause is never out of sight. */
export async function waitingCount(store: Store, controllerId: string): Promise<number> {
  const [row] = await store.db.query<{ n: number }>(
    'select count(*)::int as n from rights_requests where controller_id = $1 and status = any($2::text[])',
    [controllerId, WAITING_STATUSES],
  );
  return row?.n ?? 0;
}

interface FinishedRow extends RequestRow {
  refusal_reason: RefusalReason | null;
  received_on: string;
  outcome: Outcome | null;
  closed_on: string | null;
}

/** Finished requests, most recently finished first: the latest `limit` of them (default 200). */
export async function finishedList(
  store: Store,
  controllerId: string,
  options: { limit?: number } = {},
): Promise<FinishedRequest[]> {
  const limit = Math.max(1, Math.min(options.limit ?? 200, 1000));
  // The outcome is the first move into one; "closed" follows it and keeps it.
  const rows = await store.db.query<FinishedRow>(
    `select ${REQUEST_COLUMNS}, r.refusal_reason, o.to_status as outcome, o.on_date as closed_on
       from rights_requests r
       left join lateral (
         select e.to_status, e.on_date from request_events e
          where e.request_id = r.id and e.to_status = any($3::text[]) order by e.n limit 1
       ) o on true
      where r.controller_id = $1 and r.status = any($2::text[])
      order by o.on_date desc nulls last, r.received_on desc, r.id
      limit $4`,
    [controllerId, FINISHED_STATUSES, OUTCOMES, limit],
  );
  return rows.map((r) => ({
    ...requestFields(r),
    outcome: r.outcome,
    refusalReason: r.refusal_reason,
    closedOn: r.closed_on,
  }));
}
