/** Reading a request back through the gate, audited: its dates, its deadline with the reasoning, its history. */
import { NotFound } from '../../records/errors.ts';
import { auditRead, type Call, type Store, vaultOf } from '../../records/store.ts';
import { aad, unseal } from '../../store/person-keys.ts';
import { ragStatus, type DueDate, type IsoDate, type Rag } from '../clock/index.ts';
import { clockInput, computeDue } from './due.ts';
import { auditingDenials, gateSubject } from './gate.ts';
import { checkId, ukDate } from './input.ts';
import { loadClarifications, loadRequest, place } from './rows.ts';
import {
  RUNNING_STATUSES,
  type RefusalReason,
  type RequestChannel,
  type RequestStatus,
  type Right,
} from './vocabulary.ts';

export interface RequestEventView {
  n: number;
  from: RequestStatus | null;
  to: RequestStatus;
  on: IsoDate;
  at: Date;
  actor: string;
  reasonCode: string | null;
  reason?: string;
  note?: string;
}

export interface RequestView {
  id: string;
  controllerId: string;
  personId: string;
  representativeId: string | null;
  right: Right;
  channel: RequestChannel;
  status: RequestStatus;
  refusalReason: RefusalReason | null;
  receivedOn: IsoDate;
  idReceivedOn: IsoDate | null;
  authorityReceivedOn: IsoDate | null;
  clarifications: { asked: IsoDate; answered: IsoDate | null }[];
  extension: { toldOn: IsoDate; months: 1 | 2; reasons: string } | null;
  wording: string | null;
  notes: string | null;
  /** The deadline as the clock computes it today, with its reasoning. */
  due: DueDate;
  /** Red, amber or green while the clock runs; null when paused or finished. */
  rag: Rag | null;
  events: RequestEventView[];
}

interface EventRow {
  n: number;
  from_status: RequestStatus | null;
  to_status: RequestStatus;
  on_date: string;
  at: Date;
  actor: string;
  reason_code: string | null;
  note: Uint8Array | null;
}

export async function readRequest(store: Store, call: Call, requestId: string): Promise<RequestView> {
  const action = 'rights-request.read';
  const row = await auditingDenials(store, call, call.actor.controllerId, action, undefined, async () => {
    const found = await loadRequest(store.db, checkId(requestId, 'requestId'));
    if (!found) throw new NotFound('the request (requestId)');
    return found;
  });
  const { controller_id: controllerId, person_id: personId, id } = row;
  await auditingDenials(store, call, controllerId, action, personId, () =>
    gateSubject(store, call, controllerId, personId, 'read'),
  );
  const key = (await vaultOf(store).load([personId])).get(personId);
  const open = <T>(sealed: Uint8Array, where: string) =>
    unseal<T>(key, sealed, aad(controllerId, personId, where));
  const clarifications = await loadClarifications(store.db, id);
  const events = await store.db.query<EventRow>(
    `select n, from_status, to_status, on_date, at, actor, reason_code, note
       from request_events where request_id = $1 order by n`,
    [id],
  );
  const today = ukDate(store.now());
  const reasons = row.extension_reasons
    ? open<string>(row.extension_reasons, place.extension(id))
    : undefined;
  const due = computeDue(clockInput(row, clarifications, today, reasons));
  const details = open<{ wording: string | null; notes: string | null }>(row.details, place.details(id));
  const view: RequestView = {
    id,
    controllerId,
    personId,
    representativeId: row.representative_id,
    right: row.right,
    channel: row.channel,
    status: row.status,
    refusalReason: row.refusal_reason,
    receivedOn: row.received_on,
    idReceivedOn: row.id_received_on,
    authorityReceivedOn: row.authority_received_on,
    clarifications: clarifications.map((c) => ({ asked: c.asked_on, answered: c.answered_on })),
    extension:
      row.extension_told_on && row.extension_months
        ? { toldOn: row.extension_told_on, months: row.extension_months as 1 | 2, reasons: reasons ?? '' }
        : null,
    wording: details.wording,
    notes: details.notes,
    due,
    rag: RUNNING_STATUSES.includes(row.status) ? ragStatus(due.due, today, row.jurisdiction) : null,
    events: events.map((e) => {
      const note = e.note ? open<{ reason?: string; note?: string }>(e.note, place.event(id, e.n)) : {};
      return {
        n: e.n,
        from: e.from_status,
        to: e.to_status,
        on: e.on_date,
        at: e.at,
        actor: e.actor,
        reasonCode: e.reason_code,
        ...note,
      };
    }),
  };
  await auditRead(store, call, controllerId, { action, personId, rows: [{ id }] });
  return view;
}
