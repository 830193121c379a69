/**
 * Break-glass: a member of staff opens a file beyond their need-to-know (another patch, team or
 * job) for a stated reason, for a short time, flagged for review. decide() lets a stated reason
 * override only a scope refusal of a staff member's read: the purpose, the roles' grants, a team's
 * segregation and the person's own rights (restriction, objection, consent) still refuse.
 *
 * The grant lives in the audit log, the one place nobody can quietly change: granting appends a
 * `person.break-glass` event with the reason, and the person's page asks for the actor's latest
 * grant for that person and purpose inside the window. Each read under it is audited with the
 * reason ("break-glass: …"), so the DPO sees both the grant and what was read.
 */
import { decide, type AccessRequest, type Actor } from '../access/decide.ts';
import { appendAudit } from '../audit/append.ts';
import { AccessDenied, InputError, NotFound } from './errors.ts';
import { gateState, loadPersonRow } from './people.ts';
import { recordContext, type RecordGateRow } from './record-rows.ts';
import { auditEvent, manifestFor, PERSON_TYPE, recordDenial, type Call, type Store } from './store.ts';

/** How long a grant lasts: long enough to deal with the emergency, short enough to ask again. */
export const BREAK_GLASS_MINUTES = 30;
export const BREAK_GLASS_GRANT = 'person.break-glass';
/** The shortest reason accepted: a word or two is not a reason anyone can review. */
export const BREAK_GLASS_MIN_REASON = 20;
export const BREAK_GLASS_MAX_REASON = 500;

/** What the gate's decisions record as the reason of an access under a grant (decide.ts). */
export const breakGlassReason = (reason: string) => `break-glass: ${reason}`;

export interface BreakGlassCheck {
  /** Whether a stated reason would open something on the file the actor may not see now. */
  opens: boolean;
  /** Why not, when it would not: the gate's own words (a restriction, say). */
  refusal?: string;
}

const NOTHING_MORE = 'emergency access would show nothing more on this file for this reason';

/**
 * Would break-glass open anything on this person's file for the call's purpose? Each distinct
 * context (the person's details, then each kind of record they have) is decided twice, without
 * and with a reason. Only the decisions are looked at: nothing of the person's data is read.
 */
export async function breakGlassCheck(store: Store, call: Call, personId: string): Promise<BreakGlassCheck> {
  const person = await loadPersonRow(store.db, personId, call.actor.id);
  if (!person) throw new NotFound('the person');
  const manifest = manifestFor(store, person.controller_id);
  const rows = await store.db.query<RecordGateRow>(
    'select distinct record_type, patch, team, assigned_to, closed_at from records where person_id = $1',
    [personId],
  );
  const plain: Actor = { ...call.actor, breakGlass: undefined };
  const base = (actor: Actor): Omit<AccessRequest, 'recordType' | 'record'> => ({
    actor,
    purpose: call.purpose,
    action: 'read',
    controllerId: person.controller_id,
    personId,
    ...gateState(person, call),
    now: store.now(),
  });
  const contexts = [
    {
      recordType: PERSON_TYPE,
      record: { patch: person.patch, assignedTo: person.assigned ? call.actor.id : null },
    },
    ...rows.map((r) => ({ recordType: r.record_type, record: recordContext(r) })),
  ];
  const withReason = { ...plain, breakGlass: 'check' };
  const opens = contexts.some(
    (c) =>
      !decide(manifest, { ...base(plain), ...c }).allowed &&
      decide(manifest, { ...base(withReason), ...c }).allowed,
  );
  if (opens) return { opens };
  const profile = decide(manifest, { ...base(withReason), ...contexts[0]! });
  return { opens, refusal: profile.allowed ? NOTHING_MORE : profile.reason };
}

export interface BreakGlassGrant {
  reason: string;
  until: Date;
}

/**
 * Grant this actor emergency access to the person's file for the call's purpose. Refused (and the
 * refusal audited) when it would open nothing, so restriction and the like keep their word.
 */
export async function grantBreakGlass(
  store: Store,
  call: Call,
  controllerId: string,
  personId: string,
  reason: string,
): Promise<BreakGlassGrant> {
  const stated = reason.trim();
  if (stated.length < BREAK_GLASS_MIN_REASON || stated.length > BREAK_GLASS_MAX_REASON)
    throw new InputError(
      'reason',
      `must be between ${BREAK_GLASS_MIN_REASON} and ${BREAK_GLASS_MAX_REASON} characters`,
    );
  const now = store.now();
  const event = { action: BREAK_GLASS_GRANT, personId, reason: breakGlassReason(stated) };
  const check = await breakGlassCheck(store, call, personId);
  if (!check.opens) {
    await recordDenial(
      store,
      auditEvent(call, controllerId, now, { ...event, outcome: 'denied', reason: check.refusal }),
    );
    throw new AccessDenied(check.refusal!);
  }
  await store.db.transaction((tx) =>
    appendAudit(tx, [auditEvent(call, controllerId, now, { ...event, outcome: 'allowed' })]),
  );
  return { reason: stated, until: new Date(now.getTime() + BREAK_GLASS_MINUTES * 60_000) };
}

/**
 * The actor's grant for this person and purpose still in force, read back from the audit log. Every
 * file view asks, so the action is written into the statement: the partial index on grants
 * (migration 018) then answers it from the few grants there are, not the whole log.
 */
export async function activeBreakGlass(
  store: Store,
  call: Call,
  controllerId: string,
  personId: string,
): Promise<BreakGlassGrant | undefined> {
  const now = store.now();
  const since = new Date(now.getTime() - BREAK_GLASS_MINUTES * 60_000);
  const [row] = await store.db.query<{ reason: string; at: Date }>(
    `select reason, at from audit_events
      where action = '${BREAK_GLASS_GRANT}' and actor = $1 and controller_id = $2 and person_id = $3
        and purpose = $4 and outcome = 'allowed' and at > $5 and at <= $6
      order by seq desc limit 1`,
    [call.actor.id, controllerId, personId, call.purpose ?? '', since, now],
  );
  if (!row) return undefined;
  return {
    reason: row.reason.replace(/^break-glass: /, ''),
    until: new Date(new Date(row.at).getTime() + BREAK_GLASS_MINUTES * 60_000),
  };
}
