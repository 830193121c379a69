/**
 * The consent ledger's tables: who may record a choice for a person, and appending the choice as
 * events, each with its record's new status, in one transaction with its audit event. The rules
 * (what may be consented to, which state may follow which) are the consent module's; this file
 * only reads and writes, through the gate.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/append.ts';
import type { AuditEvent } from '../audit/event.ts';
import type { Activity } from '../manifest/schema.ts';
import type { Queryable } from '../store/db.ts';
import { aad, seal } from '../store/person-keys.ts';
import { gateRightsAction } from './rights-gate.ts';
import { AccessDenied, InputError, NotFound } from './errors.ts';
import { loadPersonRow } from './people.ts';
import { auditEvent, recordDenial, type Call, type Store, vaultOf } from './store.ts';

export type LedgerState = 'given' | 'withdrawn' | 'expired' | 'refused';

export interface ConsentPerson {
  id: string;
  controllerId: string;
  subjectTypes: string[];
}

/** What is sealed with each event: nothing in it is needed to decide anything. */
export interface ConsentWords {
  evidence: string | null;
  note: string | null;
  onBehalf: { kind: string; name: string; authority: string } | null;
}

/** One event to append: the record is found (or made) by person and activity. */
export interface ConsentEventWrite {
  activity: Pick<Activity, 'id' | 'name'>;
  state: LedgerState;
  /** May the record move from its current state (none yet: undefined) to this one? Throws an InputError if not. */
  check: (current: { status: LedgerState; expiresAt: Date | null } | undefined) => void;
  noticeVersion: string | null;
  language: string | null;
  channel: string;
  method: string;
  explicit: boolean;
  expressedBy: 'subject' | 'representative' | 'controller';
  representativeId: string | null;
  expiresAt: Date | null;
  words: ConsentWords | null;
}

export const consentWordsAad = (controllerId: string, personId: string, recordId: string, n: number) =>
  aad(controllerId, personId, `consent_events/${recordId}/${n}`);

/**
 * May this caller record or read consent for the person? Judged by the gate as any rights action
 * is: acting on the person's details for the purpose given. People act for themselves in the
 * portal, which the gate allows about themself only, for the rights purpose (access/decide.ts);
 * staff need a role that may. A refusal is audited and thrown.
 */
const PERSON_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function gateConsent(
  store: Store,
  call: Call,
  personId: string,
  action: string,
): Promise<ConsentPerson> {
  const { actor } = call;
  if (typeof personId !== 'string' || !PERSON_ID.test(personId)) {
    const error = new InputError(
      'personId',
      "must be a person's id (a UUID), not a name or customer reference",
    );
    await recordDenial(
      store,
      auditEvent(call, actor.controllerId, store.now(), { action, outcome: 'denied', reason: error.message }),
    );
    throw error;
  }
  if (actor.kind === 'subject' && actor.personId !== personId) {
    // Refused before looking the id up: a person learns nothing of anyone else, not even that they exist.
    const reason = 'people may see and change only their own consent';
    await recordDenial(
      store,
      auditEvent(call, actor.controllerId, store.now(), { action, outcome: 'denied', reason }),
    );
    throw new AccessDenied(reason);
  }
  const controllerId = await gateRightsAction(store, call, personId, action, { byThePerson: true });
  const row = await loadPersonRow(store.db, personId, actor.id);
  if (!row) throw new NotFound('the person (personId)');
  return { id: personId, controllerId, subjectTypes: row.subject_types };
}

async function recordFor(
  tx: Queryable,
  person: ConsentPerson,
  e: ConsentEventWrite,
  now: Date,
): Promise<{ id: string; n: number }> {
  const [existing] = await tx.query<{ id: string; status: LedgerState; expires_at: Date | null }>(
    'select id, status, expires_at from consent_records where person_id = $1 and activity_id = $2 for update',
    [person.id, e.activity.id],
  );
  e.check(existing && { status: existing.status, expiresAt: existing.expires_at });
  const expiresAt = e.state === 'given' ? e.expiresAt : null;
  if (existing) {
    await tx.query('update consent_records set status = $2, expires_at = $3, updated_at = $4 where id = $1', [
      existing.id,
      e.state,
      expiresAt,
      now,
    ]);
    const [last] = await tx.query<{ n: number }>(
      'select coalesce(max(n), 0)::int as n from consent_events where record_id = $1',
      [existing.id],
    );
    return { id: existing.id, n: last!.n + 1 };
  }
  const id = randomUUID();
  const made = await tx.query(
    `insert into consent_records (id, controller_id, person_id, activity_id, status, expires_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $7) on conflict (person_id, activity_id) do nothing returning id`,
    [id, person.controllerId, person.id, e.activity.id, e.state, expiresAt, now],
  );
  if (made.length === 0)
    throw new InputError('activities', `consent to ${e.activity.name} changed at the same moment; try again`);
  return { id, n: 1 };
}

async function insertEvent(
  tx: Queryable,
  key: Buffer | null,
  person: ConsentPerson,
  call: Call,
  at: { id: string; n: number },
  e: ConsentEventWrite,
  now: Date,
): Promise<void> {
  const words =
    e.words && key ? seal(key, e.words, consentWordsAad(person.controllerId, person.id, at.id, at.n)) : null;
  await tx.query(
    `insert into consent_events (record_id, controller_id, n, state, at, notice_version, language, channel, method,
       explicit, expressed_by, representative_id, recorded_by, recorded_by_kind, expires_at, words)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      at.id,
      person.controllerId,
      at.n,
      e.state,
      now,
      e.noticeVersion,
      e.language,
      e.channel,
      e.method,
      e.explicit,
      e.expressedBy,
      e.representativeId,
      call.actor.id,
      call.actor.kind,
      e.state === 'given' ? e.expiresAt : null,
      words,
    ],
  );
}

/**
 * Append the events, all or none, with one audit event; returns the records' ids in the order
 * given. A refused transition (InputError) is audited as a denial and nothing is written.
 */
export async function appendConsentEvents(
  store: Store,
  call: Call,
  person: ConsentPerson,
  action: string,
  events: readonly ConsentEventWrite[],
): Promise<string[]> {
  const now = store.now();
  const key = events.some((e) => e.words)
    ? ((await vaultOf(store).load([person.id])).get(person.id) ?? null)
    : null;
  if (events.some((e) => e.words) && !key)
    throw new InputError('personId', "the person's data has been erased");
  const summary = events.map((e) => `${e.activity.id} ${e.state}`).join(', ');
  try {
    return await store.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const e of events) {
        const at = await recordFor(tx, person, e, now);
        await insertEvent(tx, key, person, call, at, e, now);
        ids.push(at.id);
      }
      const audit: AuditEvent = auditEvent(call, person.controllerId, now, {
        action,
        outcome: 'allowed',
        personId: person.id,
        recordIds: ids,
        reason: summary,
      });
      await appendAudit(tx, [audit]);
      return ids;
    });
  } catch (error) {
    if (error instanceof InputError)
      await recordDenial(
        store,
        auditEvent(call, person.controllerId, now, {
          action,
          outcome: 'denied',
          personId: person.id,
          reason: error.message,
        }),
      );
    throw error;
  }
}

/** Consents given that have lapsed by `now` but are still marked given, oldest first. */
export async function lapsedConsents(
  q: Queryable,
  controllerId: string,
  now: Date,
): Promise<{ id: string; person_id: string; activity_id: string }[]> {
  return q.query(
    `select id, person_id, activity_id from consent_records
      where controller_id = $1 and status = 'given' and expires_at is not null and expires_at <= $2
      order by expires_at, id`,
    [controllerId, now],
  );
}
