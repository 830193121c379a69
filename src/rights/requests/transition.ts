/**
 * Moving a request on: only along the table in transitions.ts, each move an event row with its day
 * and actor, audited in the same transaction, and the deadline recomputed by the clock from the
 * dates the move records (identification or authority received, clarification asked or answered,
 * extension told).
 */
import { appendAudit } from '../../audit/append.ts';
import { InputError, NotFound } from '../../records/errors.ts';
import { auditEvent, type Call, type Store, vaultOf } from '../../records/store.ts';
import type { Queryable } from '../../store/db.ts';
import { aad, seal } from '../../store/person-keys.ts';
import type { IsoDate } from '../clock/index.ts';
import { clockInput, computeDue } from './due.ts';
import { auditingDenials, gateSubject } from './gate.ts';
import { checkId, checkOneOf, checkPastDate, checkText, ukDate } from './input.ts';
import { loadClarifications, loadRequest, place, type RequestRow } from './rows.ts';
import { checkTransition } from './transitions.ts';
import { REFUSAL_REASONS, STATUSES, type RefusalReason, type RequestStatus } from './vocabulary.ts';

export interface TransitionInput {
  to: RequestStatus;
  /** The day it happened (default today): e.g. the day the ID arrived or the clarification was asked. */
  on?: IsoDate;
  /** Required to refuse. */
  reasonCode?: RefusalReason;
  /** Required to refuse: the reasons, as the person will be told them (sealed). */
  reasonText?: string;
  /** Required to extend: the further months and the reasons the person was told (sealed). */
  extension?: { months: 1 | 2; reasons: string };
  note?: string;
}

export interface TransitionResult {
  id: string;
  from: RequestStatus;
  status: RequestStatus;
  due: IsoDate;
}

const ENDINGS: readonly RequestStatus[] = ['refused', 'withdrawn'];

interface Checked {
  to: RequestStatus;
  on: IsoDate;
  reasonCode: RefusalReason | null;
  reasonText: string | null;
  extension: { months: 1 | 2; reasons: string } | null;
  note: string | null;
}

function checkShape(input: TransitionInput, today: IsoDate): Checked {
  const to = checkOneOf(input?.to, STATUSES, 'to');
  const on = checkPastDate(input.on ?? today, 'on', today);
  let reasonCode: RefusalReason | null = null;
  let reasonText: string | null = null;
  if (to === 'refused') {
    reasonCode = checkOneOf(input.reasonCode, REFUSAL_REASONS, 'reasonCode');
    reasonText = checkText(input.reasonText, 'reasonText', true)!;
  }
  let extension: Checked['extension'] = null;
  if (to === 'extended') {
    if (!input.extension)
      throw new InputError('extension', 'is required to extend: the further months and the reasons');
    if (input.extension.months !== 1 && input.extension.months !== 2)
      throw new InputError('extension.months', `${String(input.extension.months)} is not 1 or 2`);
    extension = {
      months: input.extension.months,
      reasons: checkText(input.extension.reasons, 'extension.reasons', true)!,
    };
  }
  return { to, on, reasonCode, reasonText, extension, note: checkText(input.note, 'note', false) ?? null };
}

async function lastEventDay(q: Queryable, id: string): Promise<IsoDate> {
  const [row] = await q.query<{ on_date: string }>(
    'select on_date from request_events where request_id = $1 order by n desc limit 1',
    [id],
  );
  return row!.on_date;
}

/** The row's dates after the move, as the clock will read them. */
function datesAfter(row: RequestRow, c: Checked): RequestRow {
  const next = { ...row };
  const onward = !ENDINGS.includes(c.to);
  if (row.status === 'awaiting-id' && onward) next.id_received_on = c.on;
  if (row.status === 'awaiting-authority' && onward) next.authority_received_on = c.on;
  if (c.extension) {
    next.extension_told_on = c.on;
    next.extension_months = c.extension.months;
  }
  return next;
}

export async function transition(
  store: Store,
  call: Call,
  requestId: string,
  input: TransitionInput,
): Promise<TransitionResult> {
  const action = 'rights-request.transition';
  const now = store.now();
  const today = ukDate(now);
  const found = await auditingDenials(store, call, call.actor.controllerId, action, undefined, async () => {
    const row = await loadRequest(store.db, checkId(requestId, 'requestId'));
    if (!row) throw new NotFound('the request (requestId)');
    return row;
  });
  const { controller_id: controllerId, person_id: personId } = found;
  const key = (await vaultOf(store).load([personId])).get(personId);
  return auditingDenials(store, call, controllerId, action, personId, async () => {
    const c = checkShape(input, today);
    await gateSubject(store, call, controllerId, personId, 'create');
    if (!key) throw new InputError('requestId', "the person's data has been erased");
    const sealAt = (value: unknown, where: string) => seal(key, value, aad(controllerId, personId, where));
    return store.db.transaction(async (tx) => {
      const row = (await loadRequest(tx, found.id, true))!;
      checkTransition(row.status, c.to);
      const last = await lastEventDay(tx, row.id);
      if (c.on < last) throw new InputError('on', `${c.on} is before the request's last event (${last})`);
      const clarifications = await loadClarifications(tx, row.id);
      if (c.to === 'awaiting-clarification')
        clarifications.push({ n: clarifications.length + 1, asked_on: c.on, answered_on: null });
      const open = clarifications.find((x) => x.answered_on === null);
      if (row.status === 'awaiting-clarification' && open) open.answered_on = c.on;
      const next = datesAfter(row, c);
      const due = computeDue(clockInput(next, clarifications, today, c.extension?.reasons));
      if (c.extension && due.refusedExtension) throw new InputError('extension', due.refusedExtension.reason);

      if (c.to === 'awaiting-clarification') {
        await tx.query(
          'insert into rights_request_clarifications (request_id, controller_id, n, asked_on) values ($1, $2, $3, $4)',
          [row.id, controllerId, clarifications.length, c.on],
        );
      } else if (row.status === 'awaiting-clarification' && open) {
        await tx.query(
          'update rights_request_clarifications set answered_on = $3 where request_id = $1 and n = $2',
          [row.id, open.n, c.on],
        );
      }
      await tx.query(
        `update rights_requests set status = $2, refusal_reason = coalesce($3, refusal_reason),
           id_received_on = $4, authority_received_on = $5, extension_told_on = $6, extension_months = $7,
           extension_reasons = coalesce($8, extension_reasons), due_on = $9, updated_at = $10
         where id = $1`,
        [
          row.id,
          c.to,
          c.reasonCode,
          next.id_received_on,
          next.authority_received_on,
          next.extension_told_on,
          next.extension_months,
          c.extension ? sealAt(c.extension.reasons, place.extension(row.id)) : null,
          due.due,
          now,
        ],
      );
      const [counted] = await tx.query<{ n: number }>(
        'select count(*)::int + 1 as n from request_events where request_id = $1',
        [row.id],
      );
      const n = counted!.n;
      const note =
        c.reasonText || c.note ? { reason: c.reasonText ?? undefined, note: c.note ?? undefined } : null;
      await tx.query(
        `insert into request_events (request_id, controller_id, n, from_status, to_status, on_date, at, actor, actor_kind,
           reason_code, note) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          row.id,
          controllerId,
          n,
          row.status,
          c.to,
          c.on,
          now,
          call.actor.id,
          call.actor.kind,
          c.reasonCode,
          note ? sealAt(note, place.event(row.id, n)) : null,
        ],
      );
      await appendAudit(tx, [
        auditEvent(call, controllerId, now, {
          action,
          outcome: 'allowed',
          personId,
          recordIds: [row.id],
          reason: `${row.status} → ${c.to}${c.reasonCode ? ` (${c.reasonCode})` : ''}`,
        }),
      ]);
      return { id: row.id, from: row.status, status: c.to, due: due.due };
    });
  });
}
