/**
 * Controller events: a day that starts retention clocks for the whole controller ("the pandemic was
 * declared over"), entered by the DPO. The event must be declared in the manifest; the day must be
 * a real date, not in the future. Correcting a day already entered needs `replace`, and is audited.
 */
import { appendAudit } from '../audit/append.ts';
import { lookup } from '../manifest/lookup.ts';
import { auditEvent, manifestFor, registerController, type Call, type Store } from '../records/store.ts';
import type { Queryable } from '../store/db.ts';
import { RetentionInputError } from './errors.ts';
import type { EnteredEvents } from './rules.ts';

export interface EventEntry {
  controllerId: string;
  eventId: string;
  /** YYYY-MM-DD */
  occurredOn: string;
  /** Overwrite a day entered before. */
  replace?: boolean;
}

export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** The day an event happened: a real day written YYYY-MM-DD, not after today. Pure, for forms too. */
export function checkEventDay(value: unknown, today: string): string {
  if (!isDay(value)) throw new RetentionInputError('occurredOn', 'must be a date written YYYY-MM-DD');
  if (value > today)
    throw new RetentionInputError('occurredOn', 'is in the future; enter an event once it has happened');
  return value;
}

export async function enterEvent(store: Store, call: Call, entry: EventEntry): Promise<void> {
  const manifest = manifestFor(store, entry.controllerId);
  const declared = [...lookup(manifest).events.keys()];
  if (!declared.includes(entry.eventId))
    throw new RetentionInputError(
      'eventId',
      `"${entry.eventId}" is not an event the manifest declares${declared.length ? ` (declared: ${declared.join(', ')})` : ' (it declares none)'}`,
    );
  const now = store.now();
  checkEventDay(entry.occurredOn, now.toISOString().slice(0, 10));
  await store.db.transaction(async (tx) => {
    await registerController(tx, manifest);
    const [before] = await tx.query<{ occurred_on: string }>(
      'select occurred_on from retention_events where controller_id = $1 and event_id = $2 for update',
      [entry.controllerId, entry.eventId],
    );
    if (before && !entry.replace)
      throw new RetentionInputError(
        'eventId',
        `"${entry.eventId}" was already entered as ${before.occurred_on}; give replace to correct it`,
      );
    await tx.query(
      `insert into retention_events (controller_id, event_id, occurred_on, entered_by, entered_at)
       values ($1, $2, $3, $4, $5)
       on conflict (controller_id, event_id) do update set occurred_on = excluded.occurred_on,
         entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
      [entry.controllerId, entry.eventId, entry.occurredOn, call.actor.id, now],
    );
    await appendAudit(tx, [
      auditEvent(call, entry.controllerId, now, {
        action: 'retention.event',
        outcome: 'allowed',
        reason: `controller event "${entry.eventId}" entered as ${entry.occurredOn}${before ? ` (was ${before.occurred_on})` : ''}`,
      }),
    ]);
  });
}

export interface EnteredEvent {
  eventId: string;
  occurredOn: string;
  enteredBy: string;
  enteredAt: Date;
}

export async function listEvents(db: Queryable, controllerId: string): Promise<EnteredEvent[]> {
  const rows = await db.query<{
    event_id: string;
    occurred_on: string;
    entered_by: string;
    entered_at: Date;
  }>(
    'select event_id, occurred_on, entered_by, entered_at from retention_events where controller_id = $1 order by event_id',
    [controllerId],
  );
  return rows.map((r) => ({
    eventId: r.event_id,
    occurredOn: r.occurred_on,
    enteredBy: r.entered_by,
    enteredAt: r.entered_at,
  }));
}

export async function enteredEvents(db: Queryable, controllerId: string): Promise<EnteredEvents> {
  return new Map((await listEvents(db, controllerId)).map((e) => [e.eventId, e.occurredOn]));
}
