import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../src/audit/event.ts';
import { AuditGroupCommit } from '../../src/audit/group-commit.ts';
import { verifyChainInDatabase } from '../../src/audit/verify-in-database.ts';
import { openTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(async () => t?.close());

const read = (i: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  controllerId: 'demo',
  at: new Date(Date.UTC(2026, 10, 24, 9, 0, i)),
  actor: `staff-${i}`,
  actorKind: 'staff',
  purpose: 'tenancy-management',
  personId: randomUUID(),
  action: 'person.read',
  channel: 'web',
  outcome: 'allowed',
  ...over,
});

async function eventCount(): Promise<number> {
  const [row] = await t.db.query<{ n: number }>('select count(*)::int8 as n from audit_events');
  return row!.n;
}

describe('group commit of read events', () => {
  it('writes every event of concurrent reads, each caller resolving once its events are in', async () => {
    const writer = new AuditGroupCommit(t.db);
    const resolvedWith: number[] = [];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        writer.append([read(i), read(i, { action: 'record.read' })]).then(async () => {
          resolvedWith.push(await eventCount());
        }),
      ),
    );
    expect(await eventCount()).toBe(80);
    // When each caller heard back, at least its own two events were already committed.
    expect(Math.min(...resolvedWith)).toBeGreaterThanOrEqual(2);
    expect(await verifyChainInDatabase(t.db)).toEqual({ ok: true, events: 80 });
  });

  it('shares statements between concurrent reads', async () => {
    const writer = new AuditGroupCommit(t.db);
    await Promise.all(Array.from({ length: 30 }, (_, i) => writer.append([read(i)])));
    const [row] = await t.db.query<{ groups: number }>(
      'select count(distinct at_commit)::int8 as groups from (select xmin::text as at_commit from audit_events) x',
    );
    // The first read is written alone; the others arrive while it is in flight and go together.
    expect(row!.groups).toBeLessThan(30);
  });

  it('rejects every caller of a failed write and goes on writing later ones', async () => {
    const writer = new AuditGroupCommit(t.db);
    const first = writer.append([read(1)]);
    // Queued behind the first write, so these two share one statement; the bad id fails it.
    const bad = writer.append([read(2, { personId: 'not-a-uuid' })]);
    const sameGroup = writer.append([read(3)]);
    await first;
    await expect(bad).rejects.toThrow();
    await expect(sameGroup).rejects.toThrow();
    await writer.append([read(4)]);
    expect(await eventCount()).toBe(2);
    expect((await verifyChainInDatabase(t.db)).ok).toBe(true);
  });
});
