/**
 * Outgoing messages. Custos does not send email itself: messages wait in the outbox table for a
 * mail sender (SMTP, a notification service) to send and delete. The demo and the tests read them
 * from there, so no real mailbox is ever involved.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../store/db.ts';

export interface OutgoingMessage {
  controllerId: string;
  to: string;
  subject: string;
  body: string;
}

export interface QueuedMessage extends OutgoingMessage {
  id: string;
  createdAt: Date;
}

export async function queueMessage(db: Queryable, message: OutgoingMessage, now: Date): Promise<string> {
  const id = randomUUID();
  await db.query(
    'insert into web_outbox (id, controller_id, to_address, subject, body, created_at) values ($1, $2, $3, $4, $5, $6)',
    [id, message.controllerId, message.to, message.subject, message.body, now],
  );
  return id;
}

/** Messages waiting, oldest first (optionally to one address). */
export async function readOutbox(db: Queryable, to?: string): Promise<QueuedMessage[]> {
  const rows = await db.query<{
    id: string;
    controller_id: string;
    to_address: string;
    subject: string;
    body: string;
    created_at: Date;
  }>(
    `select id, controller_id, to_address, subject, body, created_at from web_outbox
      where $1::text is null or lower(to_address) = lower($1) order by seq`,
    [to ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    controllerId: r.controller_id,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    createdAt: r.created_at,
  }));
}
