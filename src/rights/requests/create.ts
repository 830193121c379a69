/**
 * Recording a rights request as it arrives: the right, the channel, the day of receipt, the person
 * and any representative. The wording is sealed under the person's key. A request made through a
 * representative whose authority does not hold on the day of receipt is recorded and refused at
 * once (no-authority), with the reason, so the refusal is on file and audited.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/append.ts';
import { InputError, NotFound } from '../../records/errors.ts';
import {
  auditEvent,
  manifestFor,
  registerController,
  type Call,
  type Store,
  vaultOf,
} from '../../records/store.ts';
import { aad, seal } from '../../store/person-keys.ts';
import { jurisdictionForNation, type IsoDate } from '../clock/index.ts';
import { authorityIn, type Authority } from '../representatives/authority.ts';
import { clockInput, computeDue } from './due.ts';
import { auditingDenials, gateSubject } from './gate.ts';
import { checkId, checkOneOf, checkPastDate, checkText, ukDate } from './input.ts';
import { place } from './rows.ts';
import { CHANNELS, RIGHTS, type RequestChannel, type RequestStatus, type Right } from './vocabulary.ts';

export interface NewRequest {
  controllerId: string;
  personId: string;
  right: Right;
  channel: RequestChannel;
  /** The day the request arrived, 'YYYY-MM-DD': day one of the clock. */
  receivedOn: IsoDate;
  representativeId?: string | null;
  /** What the person asked for, in their words (sealed). */
  wording?: string;
  notes?: string;
}

/**
 * A person making their own request does so today, in the portal, for themself: the day received
 * starts the clock and a caseworker's notes are the landlord's, so neither is theirs to set.
 */
function checkMadeByThePerson(c: Checked, today: IsoDate): void {
  if (c.receivedOn !== today) throw new InputError('receivedOn', 'a request you make is received today');
  if (c.channel !== 'portal') throw new InputError('channel', 'a request you make is made in the portal');
  if (c.representativeId) throw new InputError('representativeId', 'a request you make is your own');
  if (c.notes) throw new InputError('notes', 'notes are for our staff');
}

export interface CreatedRequest {
  id: string;
  status: RequestStatus;
  due: IsoDate;
  /** Set when the request came through a representative without authority and was refused. */
  authority?: Authority;
}

interface Checked {
  personId: string;
  right: Right;
  channel: RequestChannel;
  receivedOn: IsoDate;
  representativeId: string | null;
  wording: string | null;
  notes: string | null;
}

function checkShape(input: NewRequest, today: IsoDate): Checked {
  const personId = checkId(input.personId, 'personId');
  const right = checkOneOf(input.right, RIGHTS, 'right');
  const channel = checkOneOf(input.channel, CHANNELS, 'channel');
  const receivedOn = checkPastDate(input.receivedOn, 'receivedOn', today);
  const rep = input.representativeId;
  const representativeId = rep === undefined || rep === null ? null : checkId(rep, 'representativeId');
  if (channel === 'representative' && !representativeId)
    throw new InputError('representativeId', 'is required when the request came through a representative');
  return {
    personId,
    right,
    channel,
    receivedOn,
    representativeId,
    wording: checkText(input.wording, 'wording', false) ?? null,
    notes: checkText(input.notes, 'notes', false) ?? null,
  };
}

export async function createRequest(store: Store, call: Call, input: NewRequest): Promise<CreatedRequest> {
  const action = 'rights-request.create';
  const manifest = manifestFor(store, input.controllerId);
  const now = store.now();
  const today = ukDate(now);
  const c = await auditingDenials(store, call, input.controllerId, action, undefined, async () => {
    const checked = checkShape(input, today);
    if (call.actor.kind === 'subject') checkMadeByThePerson(checked, today);
    await gateSubject(store, call, input.controllerId, checked.personId, 'create', 'personId', {
      byThePerson: true,
    });
    if (checked.representativeId) {
      const [rep] = await store.db.query(
        'select 1 from rights_representatives where id = $1 and controller_id = $2',
        [checked.representativeId, input.controllerId],
      );
      if (!rep) throw new NotFound('the representative (representativeId)');
    }
    return checked;
  });
  const key = (await vaultOf(store).load([c.personId])).get(c.personId);
  if (!key) throw new InputError('personId', "the person's data has been erased");
  const id = randomUUID();
  const jurisdiction = jurisdictionForNation(manifest.controller.nation);
  const due = computeDue(
    clockInput(
      {
        received_on: c.receivedOn,
        jurisdiction,
        id_received_on: null,
        authority_received_on: null,
        extension_told_on: null,
        extension_months: null,
      },
      [],
      today,
    ),
  ).due;
  const sealAt = (value: unknown, where: string) =>
    seal(key, value, aad(input.controllerId, c.personId, where));
  return store.db.transaction(async (tx) => {
    const authority = c.representativeId
      ? await authorityIn(tx, c.representativeId, c.personId, c.right, c.receivedOn)
      : undefined;
    await registerController(tx, manifest);
    await tx.query(
      `insert into rights_requests (id, controller_id, person_id, representative_id, "right", channel, status,
         jurisdiction, received_on, due_on, details, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, 'received', $7, $8, $9, $10, $11, $11)`,
      [
        id,
        input.controllerId,
        c.personId,
        c.representativeId,
        c.right,
        c.channel,
        jurisdiction,
        c.receivedOn,
        due,
        sealAt({ wording: c.wording, notes: c.notes }, place.details(id)),
        now,
      ],
    );
    const event = (
      n: number,
      from: RequestStatus | null,
      to: RequestStatus,
      on: IsoDate,
      code: string | null,
      note: Buffer | null,
    ) =>
      tx.query(
        `insert into request_events (request_id, controller_id, n, from_status, to_status, on_date, at, actor, actor_kind,
           reason_code, note) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, input.controllerId, n, from, to, on, now, call.actor.id, call.actor.kind, code, note],
      );
    await event(1, null, 'received', c.receivedOn, null, null);
    const audit = [
      auditEvent(call, input.controllerId, now, {
        action,
        outcome: 'allowed',
        personId: c.personId,
        recordIds: [id],
        reason: `${c.right} by ${c.channel}`,
      }),
    ];
    let status: RequestStatus = 'received';
    if (authority && !authority.ok) {
      status = 'refused';
      await tx.query(
        `update rights_requests set status = 'refused', refusal_reason = 'no-authority', updated_at = $2 where id = $1`,
        [id, now],
      );
      await event(
        2,
        'received',
        'refused',
        today,
        'no-authority',
        sealAt({ reason: authority.detail }, place.event(id, 2)),
      );
      audit.push(
        auditEvent(call, input.controllerId, now, {
          action: 'rights-request.transition',
          outcome: 'allowed',
          personId: c.personId,
          recordIds: [id],
          reason: `received → refused (no-authority: ${authority.reason})`,
        }),
      );
    }
    await appendAudit(tx, audit);
    return { id, status, due, ...(authority ? { authority } : {}) };
  });
}
