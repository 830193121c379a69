/**
 * Equality statistics over synthetic people: counts only, small numbers suppressed (and the next
 * smallest with them), a restricted person left out and said so, every person counted audited, a
 * role without aggregate access refused on record, and the analyst refused any one person's answers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, type Actor } from '../../src/access/decide.ts';
import { writeBatch } from '../../src/records/batch.ts';
import { AccessDenied, InputError } from '../../src/records/errors.ts';
import { countFieldValues } from '../../src/records/field-counts.ts';
import { readPersonFile } from '../../src/records/records.ts';
import { setRestriction } from '../../src/records/restriction.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { equalityStatistics, statisticsCsv, statisticsText, suppress } from '../../src/stats/index.ts';
import { openTestDb, type TestDb } from '../support/db.ts';
import { demoManifest, testStore } from '../support/store.ts';

const manifest = demoManifest();
const controllerId = manifest.controller.id;
let t: TestDb;
let store: Store;

const system = (purpose: string): Call => ({
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose,
  channel: 'system',
});
const analyst: Actor = { id: 'analyst-1', kind: 'staff', controllerId, roles: ['equality-analyst'] };
const officer: Actor = {
  id: 'officer-1',
  kind: 'staff',
  controllerId,
  roles: ['housing-officer'],
  patches: ['north'],
};
const as = (actor: Actor, purpose = 'equality-monitoring'): Call => ({ actor, purpose, channel: 'cli' });

/** 30 white and 3 mixed; disability 20 no and 13 yes; one more person, restricted. */
const answers = [
  ...Array.from({ length: 30 }, (_, i) => ({ ethnicGroup: 'white', disability: i < 20 ? 'no' : 'yes' })),
  ...Array.from({ length: 3 }, () => ({ ethnicGroup: 'mixed-or-multiple', disability: 'yes' })),
  { ethnicGroup: 'asian-or-asian-british', disability: 'no' },
];
const people = answers.map(() => randomUUID());
const restricted = people.at(-1)!;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  await writeBatch(store, system('tenancy-management'), {
    controllerId,
    people: people.map((id, i) => ({
      id,
      subjectTypes: ['tenant'],
      profile: { givenName: `Synthetic${i}`, familyName: 'Tester' },
    })),
  });
  await writeBatch(store, system('equality-monitoring'), {
    controllerId,
    records: people.map((personId, i) => ({
      personId,
      recordType: 'equality-monitoring',
      payload: answers[i]!,
    })),
  });
  await setRestriction(store, system('tenancy-management'), restricted, true, 'accuracy contested');
}, 240_000);
afterAll(async () => t?.close());

const auditOf = (actor: string) =>
  t.db.query<{ person_id: string | null; outcome: string; fields: string[]; reason: string | null }>(
    `select person_id, outcome, fields, reason from audit_events where action = 'stats.count' and actor = $1`,
    [actor],
  );

describe('equality statistics', () => {
  it('counts answers with small numbers suppressed, and the next smallest too', async () => {
    const s = await equalityStatistics(store, as(analyst), { by: ['ethnicGroup', 'disability'] });
    const ethnic = s.tables.find((x) => x.field === 'ethnicGroup')!;
    const cell = (v: string) => ethnic.cells.find((c) => c.value === v)!;
    expect(cell('mixed-or-multiple')).toMatchObject({
      count: null,
      suppressed: 'primary',
      text: 'fewer than 10',
    });
    // Otherwise 3 = 33 (from the disability table) − 30.
    expect(cell('white')).toMatchObject({ count: null, suppressed: 'secondary', text: 'not shown' });
    expect(cell('black-black-british-caribbean-or-african')).toMatchObject({ count: 0, text: '0' });
    expect(ethnic).toMatchObject({ totalShown: 0, suppressedCells: 2 });
    const disability = s.tables.find((x) => x.field === 'disability')!;
    expect(disability.cells.map((c) => [c.value, c.count])).toEqual([
      ['yes', 13],
      ['no', 20],
      ['prefer-not-to-say', 0],
      ['not-answered', 0],
    ]);
    expect(disability.totalShown).toBe(33);
    // The restricted person's answers are left out, and the output says so; the headcount is rounded.
    expect(s.leftOut).toMatchObject({ restricted: 1, objected: 0 });
    expect(s.people.text).toBe('about 35');
    expect(statisticsText(s)).toContain('1 left out: 1 restricted (Art. 18)');
    const csv = statisticsCsv(s);
    expect(csv).toContain('ethnicGroup,mixed-or-multiple,,fewer than 10');
    expect(csv).not.toMatch(/,3,|,30,/);
  });

  it('audits every person counted, and the restricted one as refused', async () => {
    const events = await auditOf('analyst-1');
    const allowed = events.filter((e) => e.outcome === 'allowed');
    expect(new Set(allowed.map((e) => e.person_id)).size).toBe(33);
    expect(allowed.length).toBe(33);
    expect(allowed[0]!.fields.sort()).toEqual(['disability', 'ethnicGroup']);
    const denied = events.filter((e) => e.outcome === 'denied');
    expect(denied).toEqual([
      expect.objectContaining({ person_id: restricted, reason: expect.stringContaining('Art. 18') }),
    ]);
  });

  it('refuses a role without aggregate access, on record, reading no one', async () => {
    await expect(equalityStatistics(store, as(officer), { by: ['ethnicGroup'] })).rejects.toThrow(
      AccessDenied,
    );
    const events = await auditOf('officer-1');
    expect(events).toEqual([
      expect.objectContaining({ person_id: null, outcome: 'denied', fields: ['ethnicGroup'] }),
    ]);
  });

  it('refuses the analyst a plain read of one person’s answers', async () => {
    const d = decide(manifest, {
      actor: analyst,
      purpose: 'equality-monitoring',
      action: 'read',
      controllerId,
      personId: people[0]!,
      recordType: 'equality-monitoring',
      now: store.now(),
    });
    expect(d).toMatchObject({ allowed: false });
    expect(d.reason).toContain('may count Equality monitoring answers records for statistics');
    await expect(readPersonFile(store, as(analyst), people[0]!)).rejects.toThrow(AccessDenied);
    const [read] = await t.db.query<{ outcome: string; reason: string }>(
      `select outcome, reason from audit_events where actor = 'analyst-1' and action <> 'stats.count'
         and cardinality(record_ids) > 0 order by seq desc limit 1`,
    );
    expect(read).toMatchObject({ outcome: 'denied', reason: expect.stringContaining('may count') });
  });

  it('leaves out, at the gate, a person who is restricted or has objected, as for a read', () => {
    const base = {
      actor: analyst,
      purpose: 'equality-monitoring',
      action: 'aggregate' as const,
      controllerId,
      personId: people[0]!,
      recordType: 'equality-monitoring',
      now: store.now(),
    };
    expect(decide(manifest, base)).toMatchObject({ allowed: true });
    expect(decide(manifest, { ...base, restricted: true }).reason).toContain('(Art. 18)');
    expect(decide(manifest, { ...base, objections: ['equality-monitoring'] }).reason).toContain('(Art. 21)');
    // People may read their own answers, but not count anyone's.
    const subject: Actor = { id: 'me', kind: 'subject', controllerId, roles: [], personId: people[0]! };
    expect(decide(manifest, { ...base, actor: subject }).allowed).toBe(false);
  });

  it('refuses bad input naming the field, before anything is read', async () => {
    const bad = async (wanted: { by: string[]; k?: number }, field: string, words: string) => {
      const error = await equalityStatistics(store, as(analyst), wanted).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ field });
      expect((error as InputError).reason).toContain(words);
    };
    await bad({ by: ['shoeSize'] }, 'by', '"shoeSize"');
    await bad({ by: [] }, 'by', 'at least one');
    for (const k of [1, 101, 2.5, Number.NaN]) await bad({ by: ['ethnicGroup'], k }, 'k', '2 to 100');
    await expect(
      countFieldValues(store, as(analyst), { recordType: 'contact-log', fields: ['summary'] }),
    ).rejects.toThrow(/not a field with a fixed list of answers/);
  });
});

describe('suppression', () => {
  it('hides 1 to k−1, shows zeros, and adds a second cell only when one alone is hidden', () => {
    expect(
      suppress(
        [
          { value: 'a', count: 30 },
          { value: 'b', count: 3 },
          { value: 'c', count: 12 },
          { value: 'd', count: 0 },
        ],
        10,
      ).cells.map((c) => c.suppressed),
    ).toEqual([null, 'primary', 'secondary', null]);
    const two = suppress(
      [
        { value: 'a', count: 30 },
        { value: 'b', count: 3 },
        { value: 'c', count: 4 },
      ],
      10,
    );
    expect(two.cells.map((c) => c.suppressed)).toEqual([null, 'primary', 'primary']);
    expect(two.totalShown).toBe(30);
    expect(suppress([{ value: 'a', count: 10 }], 10).suppressedCells).toBe(0);
  });
});
