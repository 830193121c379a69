/**
 * The DPO's lists for a controller: requests due soon and requests overdue, with their RAG status.
 * Only requests whose clock is running are listed (received, in progress, extended): a request
 * waiting for ID, authority or clarification has its clock stopped or not yet started. The lists
 * carry ids, codes and dates only, so reading them unseals nothing.
 */
import {
  DEFAULT_AMBER_WORKING_DAYS,
  dueSoon,
  overdue,
  ragStatus,
  type IsoDate,
  type Jurisdiction,
  type Rag,
} from '../clock/index.ts';
import type { Store } from '../../records/store.ts';
import { ukDate } from './input.ts';
import { RUNNING_STATUSES, type RequestStatus, type Right } from './vocabulary.ts';

export interface ListedRequest {
  id: string;
  personId: string;
  representativeId: string | null;
  right: Right;
  status: RequestStatus;
  receivedOn: IsoDate;
  due: IsoDate;
  jurisdiction: Jurisdiction;
  rag: Rag;
}

export interface DeadlineLists {
  today: IsoDate;
  dueSoon: ListedRequest[];
  overdue: ListedRequest[];
}

/** What every list of requests reads of one (from `rights_requests r`): ids, codes and dates only. */
export const REQUEST_COLUMNS = 'r.id, r.person_id, r."right", r.status, r.received_on';
/** What the lists that follow a request's clock read of it: who asked for whom, and its deadline. */
export const LISTED_COLUMNS = `${REQUEST_COLUMNS}, r.representative_id, r.due_on, r.jurisdiction`;

export interface RequestRow<S extends RequestStatus = RequestStatus> {
  id: string;
  person_id: string;
  right: Right;
  status: S;
  received_on: string;
}
export interface ListedRow<S extends RequestStatus = RequestStatus> extends RequestRow<S> {
  representative_id: string | null;
  due_on: string;
  jurisdiction: Jurisdiction;
}

/** What every list shows of a request, from its REQUEST_COLUMNS. */
export function requestFields<S extends RequestStatus>(r: RequestRow<S>) {
  return { id: r.id, personId: r.person_id, right: r.right, status: r.status, receivedOn: r.received_on };
}

/** The same with the representative, from its LISTED_COLUMNS. */
export function listedFields<S extends RequestStatus>(r: ListedRow<S>) {
  return { ...requestFields(r), representativeId: r.representative_id };
}

export async function deadlineLists(
  store: Store,
  controllerId: string,
  options: { today?: IsoDate; withinWorkingDays?: number } = {},
): Promise<DeadlineLists> {
  const today = options.today ?? ukDate(store.now());
  const within = options.withinWorkingDays ?? DEFAULT_AMBER_WORKING_DAYS;
  const rows = await store.db.query<ListedRow>(
    `select ${LISTED_COLUMNS}
       from rights_requests r where r.controller_id = $1 and r.status = any($2::text[])
      order by r.due_on, r.received_on, r.id`,
    [controllerId, RUNNING_STATUSES],
  );
  const listed: ListedRequest[] = rows.map((r) => ({
    ...listedFields(r),
    due: r.due_on,
    jurisdiction: r.jurisdiction,
    rag: ragStatus(r.due_on, today, r.jurisdiction, within),
  }));
  return { today, dueSoon: dueSoon(listed, today, within), overdue: overdue(listed, today) };
}
