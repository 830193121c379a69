/**
 * Erasing a person clears every table linked to them, by one shared function that Art. 17 erasure
 * and the replay of a person tombstone both call; the list of tables is checked against
 * information_schema. Erasure also keeps what a legal hold covers ("legal claims: held").
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import { giveConsent } from '../../src/consent/ledger.ts';
import { addDocument } from '../../src/records/documents.ts';
import { eraseHeld } from '../../src/records/erasure-execute.ts';
import { CLEARED_PERSON_TABLES, KEPT_PERSON_TABLES } from '../../src/records/erasure-person.ts';
import { placeHold } from '../../src/records/holds.ts';
import { createPerson } from '../../src/records/people.ts';
import { createRecord } from '../../src/records/records.ts';
import { vaultOf, type Call, type Store } from '../../src/records/store.ts';
import { decideItem, executeErasure, planErasure } from '../../src/rights/erasure/index.ts';
import { correct } from '../../src/rights/rectification/index.ts';
import { replayTombstones } from '../../src/retention/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { erasureRequest } from './erasure-helpers.ts';
import { controllerId, manifest } from './requests-helpers.ts';

let t: TestDb;
let store: Store;

const system: Call = {
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose: 'tenancy-management',
  channel: 'system',
};
const desk: Call = { ...system, actor: { ...system.actor, id: 'rights-desk' }, purpose: 'subject-access' };
const dpo: Call = {
  actor: { id: 'dpo-1', kind: 'staff', controllerId, roles: ['data-protection-officer'] },
  purpose: 'subject-access',
  channel: 'web',
};

const CLEARED = Object.keys(CLEARED_PERSON_TABLES);
const KEPT = Object.keys(KEPT_PERSON_TABLES);

interface Seeded {
  person: string;
  records: string[];
  mentionedIn: string;
}

/** A person with a row in every table that can hold something about them. */
async function seed(familyName: string, neighbour: string): Promise<Seeded> {
  const person = await createPerson(store, system, {
    controllerId,
    subjectTypes: ['tenant'],
    profile: { givenName: 'Testa', familyName, email: `${familyName.toLowerCase()}@example.invalid` },
  });
  const log = await createRecord(store, system, {
    controllerId,
    personId: person,
    recordType: 'contact-log',
    payload: { channel: 'phone', summary: 'Asked about rent', occurredAt: '2026-11-20T09:00:00Z' },
    patch: 'north',
  });
  const mentionedIn = await createRecord(
    store,
    { ...system, purpose: 'asb' },
    {
      controllerId,
      personId: neighbour,
      recordType: 'asb-case',
      payload: { reportedOn: '2026-11-01', kind: 'noise', narrative: 'A report', status: 'open' },
      mentions: [{ personId: person, part: 'witness' }],
    },
  );
  await addDocument(store, system, {
    personId: person,
    kind: 'letter',
    mediaType: 'application/pdf',
    content: Buffer.from('%PDF-1.4 synthetic'),
  });
  await correct(store, system, {
    personId: person,
    field: 'familyName',
    value: `${familyName}e`,
    reason: 'Misspelt',
  });
  await giveConsent(store, dpo, {
    personId: person,
    activities: ['newsletters'],
    channel: 'letter',
    evidence: 'Signed form',
  });
  // An automated decision with a review request, and a portal account: written as their modules
  // write them (sealed bytes), straight to the tables, to keep this test about clearing them.
  const decision = randomUUID();
  const now = store.now();
  await t.db.query(
    `insert into automated_decisions (id, controller_id, person_id, activity_id, decision_kind, logic_version,
       decided_at, content, created_at, created_by)
     values ($1, $2, $3, 'lettings', 'banding', '1', $4, $5, $4, 'engine')`,
    [decision, controllerId, person, now, randomBytes(16)],
  );
  await t.db.query(
    `insert into automated_decision_reviews (id, decision_id, controller_id, person_id, status, requested_at,
       requested_by, words) values ($1, $2, $3, $4, 'requested', $5, 'portal', $6)`,
    [randomUUID(), decision, controllerId, person, now, randomBytes(16)],
  );
  await t.db.query(
    `insert into web_resident_accounts (id, controller_id, person_id, email_token, password_hash, created_at)
     values ($1, $2, $3, $4, 'argon2id$synthetic', $5)`,
    [randomUUID(), controllerId, person, randomBytes(32), now],
  );
  // Import keys (src/import/source-keys.ts): the person's own, and their record's.
  await t.db.query(
    `insert into import_keys (controller_id, system, kind, source_key, person_id, target_id, fingerprint, imported_at)
     values ($1, 'test-hms', 'person', $2::text, $2::uuid, $2::uuid, $4, $5), ($1, 'test-hms', 'contact-log', $6, $2::uuid, $3, $4, $5)`,
    [controllerId, person, log, randomBytes(32), now, `CL-${familyName}`],
  );
  return { person, records: [log], mentionedIn };
}

async function rowsFor(personId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of CLEARED.filter((x) => x !== 'consent_records')) {
    const [row] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from ${table} where person_id = $1`,
      [personId],
    );
    out[table] = row!.n;
  }
  const [words] = await t.db.query<{ n: number }>(
    `select count(*)::int as n from consent_events e join consent_records c on c.id = e.record_id
      where c.person_id = $1 and e.words is not null`,
    [personId],
  );
  out.consent_words = words!.n;
  return out;
}

const nothingLeft = Object.fromEntries([
  ...CLEARED.filter((x) => x !== 'consent_records').map((x) => [x, 0]),
  ['consent_words', 0],
]);

let neighbour: string;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest);
  neighbour = await createPerson(store, system, {
    controllerId,
    subjectTypes: ['tenant'],
    profile: { givenName: 'Nora', familyName: 'Neighbour' },
  });
}, 240_000);
afterAll(async () => t?.close());

describe(`clearing an erased person (${ENGINE})`, () => {
  it('names every table that holds person_id as cleared or kept, with the reason', async () => {
    const rows = await t.db.query<{ table_name: string }>(
      `select distinct c.table_name from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = current_schema() and c.column_name = 'person_id' and t.table_type = 'BASE TABLE'
        order by 1`,
    );
    const found = rows.map((r) => r.table_name);
    const decided = new Set([...CLEARED, ...KEPT]);
    expect(found.filter((table) => !decided.has(table))).toEqual([]);
    // And no decision about a table that does not exist (the vault may live in another database).
    const stale = [...decided].filter(
      (x) => !found.includes(x) && x !== 'people' && x !== 'vault_person_keys',
    );
    expect(stale).toEqual([]);
    expect(CLEARED).toEqual(expect.arrayContaining(['rectifications', 'automated_decisions']));
  });

  it('clears them all when Art. 17 erasure erases the person', async () => {
    const a = await seed('Erasova', neighbour);
    expect(Object.values(await rowsFor(a.person)).every((n) => n > 0)).toBe(true);
    const done = await eraseHeld(
      store,
      desk,
      {
        personId: a.person,
        recordIds: a.records,
        mentionRecordIds: [a.mentionedIn],
        erasePerson: true,
        reason: 'test erasure',
      },
      async () => {},
    );
    expect(done).toMatchObject({ personErased: true, keyDestroyed: true });
    expect(await rowsFor(a.person)).toEqual(nothingLeft);
    const [person] = await t.db.query<{ erased: boolean }>(
      'select erased_at is not null as erased from people where id = $1',
      [a.person],
    );
    expect(person!.erased).toBe(true);
  });

  it('clears the same tables when a person tombstone is replayed over a restored copy', async () => {
    const b = await seed('Replayova', neighbour);
    await vaultOf(store).addTombstones([{ controllerId, kind: 'person', id: b.person, at: store.now() }]);
    await replayTombstones(store, { startedBy: 'dpo-1' });
    expect(await rowsFor(b.person)).toEqual(nothingLeft);
    const [left] = await t.db.query<{ n: number }>(
      'select count(*)::int as n from records where person_id = $1',
      [b.person],
    );
    expect(left!.n).toBe(0);
  });
});

const hold = (target: 'person' | 'record', targetId: string) => ({
  controllerId,
  target,
  targetId,
  matter: 'disrepair-claim' as const,
  reason: 'Claim DC/2026/17',
  owner: 'legal-team',
  reviewOn: '2027-05-01',
});

describe(`erasure and legal holds (${ENGINE})`, () => {
  it('keeps a held record for legal claims, erases the rest, and does not erase the person entirely', async () => {
    const c = await seed('Heldova', neighbour);
    const other = await createRecord(store, system, {
      controllerId,
      personId: c.person,
      recordType: 'contact-log',
      payload: { channel: 'email', summary: 'Second call', occurredAt: '2026-11-21T09:00:00Z' },
      patch: 'north',
    });
    await placeHold(store, dpo, hold('record', other));
    const plan = await planErasure(store, desk, await erasureRequest(store, c.person));
    const held = plan.items.find((i) => i.recordId === other)!;
    expect(held).toMatchObject({ action: 'keep', reason: 'legal-claims' });
    expect(held.explanation).toContain('legal hold');
    expect(plan.items.find((i) => i.kind === 'profile')).toMatchObject({ action: 'keep' });
    // A caseworker cannot override the hold into an erasure: refused when carried out.
    const n = plan.items.indexOf(held) + 1;
    await decideItem(store, desk, plan.id, {
      n,
      action: 'erase',
      reason: 'no-longer-necessary',
      note: 'trying to erase a held record',
    });
    await expect(executeErasure(store, desk, plan.id)).rejects.toMatchObject({
      field: 'planId',
      message: expect.stringContaining('legal claims: held'),
    });
    const [still] = await t.db.query<{ n: number }>('select count(*)::int as n from records where id = $1', [
      other,
    ]);
    expect(still!.n).toBe(1);
  });

  it('keeps the details of a person under a hold, with the reason', async () => {
    const d = await seed('Personheld', neighbour);
    await placeHold(store, dpo, hold('person', d.person));
    const plan = await planErasure(store, desk, await erasureRequest(store, d.person));
    expect(plan.items.every((i) => i.action === 'keep' && i.reason === 'legal-claims')).toBe(true);
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});
