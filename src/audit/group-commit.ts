/**
 * Group commit for the audit events of reads. A read's events are not part of any data
 * transaction, but the data must not be returned until they are written. When many staff read at
 * once, each read waiting for a statement and a commit of its own makes the chain's head the
 * bottleneck; instead, events that arrive while a write is in flight wait for the next one and go
 * together, in one statement and one commit. Each caller still resolves only once its own events
 * are committed, so nothing is returned unrecorded, and a lone read is written at once, never
 * delayed to wait for company.
 */
import type { Db } from '../store/db.ts';
import { AUDIT_CHUNK, appendAudit } from './append.ts';
import type { AuditEvent } from './event.ts';

interface Waiting {
  events: readonly AuditEvent[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class AuditGroupCommit {
  private queue: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: Db) {}

  /** Resolves when these events are committed to the chain; rejects if their write failed. */
  append(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      try {
        const events = group.flatMap((w) => w.events);
        // One transaction even when a large group needs several statements: all or none.
        if (events.length <= AUDIT_CHUNK) await appendAudit(this.db, events);
        else await this.db.transaction((tx) => appendAudit(tx, events));
        for (const w of group) w.resolve();
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    this.writing = false;
  }
}

const writers = new WeakMap<Db, AuditGroupCommit>();

/** The group-commit writer for this database (one per database handle). */
export function readAudit(db: Db): AuditGroupCommit {
  let writer = writers.get(db);
  if (!writer) {
    writer = new AuditGroupCommit(db);
    writers.set(db, writer);
  }
  return writer;
}
