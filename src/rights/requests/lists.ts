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

interface Row {
  id: string;
  person_id: string;
  representative_id: string | null;
  right: Right;
  status: RequestStatus;
  received_on: string;
  due_on: string;
  jurisdiction: Jurisdiction;
}

export async function deadlineLists(
  store: Store,
  controllerId: string,
  options: { today?: IsoDate; withinWorkingDays?: number } = {},
): Promise<DeadlineLists> {
  const today = options.today ?? ukDate(store.now());
  const within = options.withinWorkingDays ?? DEFAULT_AMBER_WORKING_DAYS;
  const rows = await store.db.query<Row>(
    `select id, person_id, representative_id, "right", status, received_on, due_on, jurisdiction
       from rights_requests where controller_id = $1 and status = any($2::text[]) order by due_on, received_on, id`,
    [controllerId, RUNNING_STATUSES],
  );
  const listed: ListedRequest[] = rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    representativeId: r.representative_id,
    right: r.right,
    status: r.status,
    receivedOn: r.received_on,
    due: r.due_on,
    jurisdiction: r.jurisdiction,
    rag: ragStatus(r.due_on, today, r.jurisdiction, within),
  }));
  return { today, dueSoon: dueSoon(listed, today, within), overdue: overdue(listed, today) };
}
