import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendAudit } from '../../src/audit/append.ts';
import { canonical, canonicalSql } from '../../src/audit/canonical.ts';
import type { AuditEvent } from '../../src/audit/event.ts';
import { whoAccessed } from '../../src/audit/queries.ts';
import { verifyChainInDatabase } from '../../src/audit/verify-in-database.ts';
import { verifyChain as verifyChainInJs } from '../../src/audit/verify.ts';

/** Both verifiers must reach the same verdict; the test then checks that verdict. */
async function verifyChain(db: TestDb['db']) {
  const [inDatabase, inJs] = await Promise.all([verifyChainInDatabase(db), verifyChainInJs(db)]);
  expect(inDatabase).toEqual(inJs);
  return inDatabase;
}
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeEach(async () => {
  t = await openTestDb();
});
afterEach(async () => t?.close());

const person = randomUUID();
function event(i: number, over: Partial<AuditEvent> = {}): AuditEvent {
  return {
    controllerId: 'demo',
    at: new Date(Date.UTC(2026, 10, 23, 9, 0, i)),
    actor: `staff-${i % 3}`,
    actorKind: 'staff',
    purpose: 'tenancy-management',
    personId: i % 2 === 0 ? person : randomUUID(),
    recordIds: [],
    action: 'read',
    fields: ['summary', 'channel'],
    channel: 'web',
    outcome: i % 5 === 0 ? 'denied' : 'allowed',
    ...over,
  };
}

async function seed(n: number) {
  await t.db.transaction((tx) =>
    appendAudit(
      tx,
      Array.from({ length: n }, (_, i) => event(i + 1)),
    ),
  );
}

describe(`the audit chain (${ENGINE})`, () => {
  it('verifies an untouched chain', async () => {
    await seed(50);
    await t.db.transaction((tx) => appendAudit(tx, [event(51)]));
    expect(await verifyChain(t.db)).toEqual({ ok: true, events: 51 });
  });

  it('detects an edited event and says which', async () => {
    await seed(30);
    await t.db.query("update audit_events set actor = 'someone-else' where seq = 12");
    const report = await verifyChain(t.db);
    expect(report.ok).toBe(false);
    expect(report.break).toMatchObject({ seq: 12, kind: 'edited' });
  });

  it('detects an edited outcome, the field that matters most', async () => {
    await seed(10);
    await t.db.query("update audit_events set outcome = 'allowed' where seq = 5");
    expect((await verifyChain(t.db)).break).toMatchObject({ seq: 5, kind: 'edited' });
  });

  it('detects a deleted event', async () => {
    await seed(30);
    await t.db.query('delete from audit_events where seq = 7');
    expect((await verifyChain(t.db)).break).toMatchObject({ seq: 7, kind: 'deleted' });
  });

  it('detects deleted events at the end of the chain', async () => {
    await seed(30);
    await t.db.query('delete from audit_events where seq > 27');
    expect((await verifyChain(t.db)).break).toMatchObject({ kind: 'truncated' });
  });

  it('detects an inserted event, even one with a well-formed hash', async () => {
    await seed(20);
    // Shift events up to make room, then forge a new event 10 hashed as if it belonged there.
    await t.db.query('update audit_events set seq = seq + 1000 where seq >= 10');
    await t.db.query('update audit_events set seq = seq - 999 where seq >= 1010');
    await t.db.query(
      `insert into audit_events (seq, controller_id, at, actor, actor_kind, action, channel, outcome, prev_hash, hash)
       select 10, controller_id, at, 'forger', actor_kind, action, channel, outcome, hash, hash from audit_events where seq = 9`,
    );
    const report = await verifyChain(t.db);
    expect(report.ok).toBe(false);
    expect(report.break!.seq).toBe(10);
  });

  it('detects reordered events', async () => {
    await seed(20);
    await t.db.query('update audit_events set seq = -1 where seq = 4');
    await t.db.query('update audit_events set seq = 4 where seq = 5');
    await t.db.query('update audit_events set seq = 5 where seq = -1');
    const report = await verifyChain(t.db);
    expect(report.break).toMatchObject({ seq: 4, kind: 'inserted-or-reordered' });
  });

  it('keeps one valid chain when transactions append concurrently', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, k) =>
        t.db.transaction((tx) => appendAudit(tx, [event(k * 2), event(k * 2 + 1)])),
      ),
    );
    expect(await verifyChain(t.db)).toEqual({ ok: true, events: 24 });
  });

  it('writes nothing when the transaction it belongs to fails', async () => {
    await seed(3);
    await expect(
      t.db.transaction(async (tx) => {
        await appendAudit(tx, [event(4)]);
        throw new Error('the write it records failed');
      }),
    ).rejects.toThrow();
    expect(await verifyChain(t.db)).toEqual({ ok: true, events: 3 });
  });

  it("answers who has looked at a person's file, newest first", async () => {
    await seed(20);
    const entries = await whoAccessed(t.db, person);
    expect(entries).toHaveLength(10);
    expect(entries[0]!.seq).toBe(20);
    expect(entries.every((e) => e.fields.includes('summary'))).toBe(true);
    expect(entries.some((e) => e.outcome === 'denied')).toBe(true);
  });

  it('rebuilds the hashed text in the database exactly, whatever the characters', async () => {
    const awkward = [
      'quote " and backslash \\',
      'new\nline\ttab',
      'accents é ñ and emoji 🏠',
      'control \u0001\u001f',
      'separator \u2028 /slash/',
    ];
    await t.db.transaction((tx) =>
      appendAudit(
        tx,
        awkward.map((reason, i) =>
          event(i + 1, {
            reason,
            actor: reason,
            purpose: null,
            personId: person.toUpperCase(),
            recordIds: [randomUUID().toUpperCase()],
          }),
        ),
      ),
    );
    expect(await verifyChain(t.db)).toEqual({ ok: true, events: awkward.length });
  });

  it('builds the canonical text in JavaScript exactly as the database does, for any text', async () => {
    // Values chosen to hit every quoting rule of record_out and array_out, mixed with arbitrary text.
    const awkwardText = fc.oneof(
      fc.constantFrom('', 'NULL', 'null', ' ', '{a}', '(,)', '"', '\\', 'a b', '\t\v\f\r\n'),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: 'binary-ascii', maxLength: 12 }),
    );
    const storable = awkwardText.filter((s) => !s.includes('\u0000'));
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            actor: storable,
            purpose: fc.option(storable),
            reason: fc.option(storable),
            fields: fc.array(storable, { maxLength: 4 }),
            at: fc.integer({ min: 0, max: 4_102_444_800_000 }),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        async (drawn) => {
          const events = drawn.map((d, i) =>
            event(i, { ...d, at: new Date(d.at), recordIds: [randomUUID(), randomUUID()] }),
          );
          await appendAudit(t.db, events);
          const rows = await t.db.query<{ text: string }>(
            `select ${canonicalSql('a')} as text from audit_events a where seq > $1 order by seq`,
            [seq],
          );
          seq += events.length;
          expect(rows.map((r) => r.text)).toEqual(events.map(canonical));
        },
      ),
      { numRuns: 60 },
    );
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});
