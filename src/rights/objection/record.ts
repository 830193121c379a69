/**
 * Recording an objection (UK GDPR Art. 21) to one activity on legitimate interests or public task,
 * or to direct marketing (one activity, or all of it). It takes effect at once: the gate refuses
 * the objected purposes for the person until a caseworker records compelling legitimate grounds
 * (never possible for direct marketing, Art. 21(3)) or the person withdraws it.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../audit/append.ts';
import { LAWFUL_BASES } from '../../manifest/vocabulary/law.ts';
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { InputError, NotFound } from '../../records/errors.ts';
import { gateRightsAction } from '../../records/rights-gate.ts';
import { auditEvent, manifestFor, type Call, type Store, vaultOf } from '../../records/store.ts';
import type { Queryable } from '../../store/db.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId, checkPastDate, checkText, ukDate } from '../requests/input.ts';
import { loadRequest } from '../requests/rows.ts';
import { sealWords } from './rows.ts';
import { groundFor, type ObjectionGround } from './vocabulary.ts';

export interface NewObjection {
  personId: string;
  /** The activity objected to; or leave it out and set directMarketing to object to all direct marketing. */
  activityId?: string;
  directMarketing?: boolean;
  /** The day the objection arrived (default today). */
  receivedOn?: string;
  /** The rights request (right "objection") it came in, if any. */
  requestId?: string | null;
  /** What the person said, or the caseworker's note (sealed). */
  note?: string;
}

interface Scope {
  scope: 'activity' | 'direct-marketing';
  activityId: string | null;
  ground: ObjectionGround;
  name: string;
}

function scopeOf(manifest: Manifest, input: NewObjection): Scope {
  if (input.directMarketing === true) {
    if (input.activityId !== undefined)
      throw new InputError('activityId', 'give either an activity or directMarketing, not both');
    return {
      scope: 'direct-marketing',
      activityId: null,
      ground: 'direct-marketing',
      name: 'direct marketing',
    };
  }
  const activity =
    typeof input.activityId === 'string' ? lookup(manifest).activities.get(input.activityId) : undefined;
  if (!activity)
    throw new InputError(
      'activityId',
      input.activityId === undefined
        ? 'is required: the activity objected to (or set directMarketing)'
        : `${JSON.stringify(input.activityId)} is not a declared activity`,
    );
  const ground = groundFor(activity);
  if (!ground) {
    const bases = [...new Set(activity.lawfulBases.map((b) => LAWFUL_BASES[b.basis].label.toLowerCase()))];
    throw new InputError(
      'activityId',
      `${activity.name} relies on ${bases.join(' and ') || 'no declared basis'}, not on legitimate interests or public task, and is not direct marketing: the right to object (Art. 21) does not apply to it`,
    );
  }
  return { scope: 'activity', activityId: activity.id, ground, name: activity.name };
}

async function checkRequest(q: Queryable, requestId: unknown, personId: string): Promise<string | null> {
  if (requestId == null) return null;
  const request = await loadRequest(q, checkId(requestId, 'requestId'));
  if (!request || request.person_id !== personId) throw new NotFound('the request (requestId)');
  if (request.right !== 'objection')
    throw new InputError('requestId', `is a request for ${request.right}, not an objection`);
  return request.id;
}

async function alreadyObjects(q: Queryable, personId: string, s: Scope): Promise<boolean> {
  const rows = await q.query(
    `select 1 from objections where person_id = $1 and status = 'upheld' and scope = $2
        and activity_id is not distinct from $3`,
    [personId, s.scope, s.activityId],
  );
  return rows.length > 0;
}

export async function recordObjection(store: Store, call: Call, input: NewObjection): Promise<string> {
  const action = 'objection.create';
  const controllerId = call.actor.controllerId;
  const manifest = manifestFor(store, controllerId);
  const now = store.now();
  const today = ukDate(now);
  const c = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const personId = checkId(input?.personId, 'personId');
    const scope = scopeOf(manifest, input);
    const receivedOn = checkPastDate(input.receivedOn ?? today, 'receivedOn', today);
    const note = checkText(input.note, 'note', false) ?? null;
    const requestId = await checkRequest(store.db, input.requestId, personId);
    if (await alreadyObjects(store.db, personId, scope))
      throw new InputError('activityId', `the person already objects to ${scope.name}`);
    return { personId, ...scope, receivedOn, note, requestId };
  });
  await gateRightsAction(store, call, c.personId, action);
  const key = (await vaultOf(store).load([c.personId])).get(c.personId);
  if (!key) throw new InputError('personId', "the person's data has been erased");
  const id = randomUUID();
  await store.db.transaction(async (tx) => {
    await tx.query(
      `insert into objections (id, controller_id, person_id, scope, activity_id, ground, request_id, status, received_on,
         words, created_at, created_by) values ($1, $2, $3, $4, $5, $6, $7, 'upheld', $8, $9, $10, $11)`,
      [
        id,
        controllerId,
        c.personId,
        c.scope,
        c.activityId,
        c.ground,
        c.requestId,
        c.receivedOn,
        sealWords(key, { controller_id: controllerId, person_id: c.personId, id }, { note: c.note }),
        now,
        call.actor.id,
      ],
    );
    await appendAudit(tx, [
      auditEvent(call, controllerId, now, {
        action,
        outcome: 'allowed',
        personId: c.personId,
        recordIds: [id],
        reason: `${c.ground}: ${c.activityId ?? 'all direct marketing'}`,
      }),
    ]);
  });
  return id;
}
