import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import {
  addAction,
  addAffected,
  affectedBy,
  assessRisk,
  breachLetters,
  closeBreach,
  completeAction,
  decideNotification,
  listBreaches,
  markLettersSent,
  readBreach,
  recordBreach,
  recordReport,
  reportSuspectedBreach,
  triageBreach,
  type NewBreach,
  type NotificationDecision,
} from '../../src/breaches/index.ts';
import { AccessDenied } from '../../src/records/errors.ts';
import { readPersonFile } from '../../src/records/records.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { generateReturn } from '../../src/returns/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore, TEST_NOW } from '../support/store.ts';
import { CONTROLLER, dpo, loadFixture, system, type Fixture } from '../sharing/fixture.ts';
import { sharingManifest } from '../sharing/manifest.ts';

let t: TestDb;
let store: Store;
let f: Fixture;
const handler = dpo('data-breaches');

const misdirected = (over: Partial<NewBreach> = {}): NewBreach => ({
  kind: 'breach',
  types: ['confidentiality'],
  summary: 'A rent arrears report was emailed to the wrong contractor.',
  occurredAt: '2026-11-19T08:00:00Z',
  awareAt: '2026-11-19T09:00:00Z',
  categories: ['identity', 'contact', 'financial'],
  approxPeople: 3,
  ...over,
});

const count = async (table: string) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
const lastDenial = async (action: string) =>
  (
    await t.db.query<{ reason: string }>(
      `select reason from audit_events where action = $1 and outcome = 'denied' order by seq desc limit 1`,
      [action],
    )
  )[0]?.reason;

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, sharingManifest());
  f = await loadFixture(store);
});
afterAll(() => t.close());

describe(`the breach register (${ENGINE})`, () => {
  let breach = '';

  it('records a breach with when the controller became aware, and its 72-hour clock', async () => {
    breach = await recordBreach(store, handler, misdirected());
    const view = await readBreach(store, handler, breach);
    expect(view).toMatchObject({
      kind: 'breach',
      coreData: false,
      status: 'open',
      assessment: null,
      decision: null,
    });
    expect(view.clocks.ico).toMatchObject({
      status: 'overdue',
      deadline: new Date('2026-11-22T09:00:00Z'),
      hoursLeft: -25,
    });
  });

  it.each<[string, Partial<NewBreach>, string, string]>([
    [
      'an awareness time in the future',
      { awareAt: '2026-11-23T10:00:01Z' },
      'awareAt',
      'cannot be in the future: 23 November 2026, 10:00am is later than now',
    ],
    ['an awareness time with no zone', { awareAt: '2026-11-19T09:00:00' }, 'awareAt', 'with its offset'],
    [
      'an occurrence after awareness',
      { occurredAt: '2026-11-20T09:00:00Z' },
      'occurredAt',
      'cannot be after we became aware of the breach (19 November 2026, 9:00am)',
    ],
    ['no summary', { summary: '  ' }, 'summary', 'is required'],
    ['an unknown type', { types: ['theft' as never] }, 'types[0]', 'is not one of'],
    ['an undeclared category', { categories: ['shoe-size'] }, 'categories[0]', 'not a category'],
    [
      'a return that does not exist',
      { returnIds: ['00000000-0000-4000-8000-000000000000'] },
      'returnIds[0]',
      'is not a return',
    ],
  ])('refuses %s: nothing written, the refusal audited', async (_, over, field, reason) => {
    const before = await count('breaches');
    const error = await recordBreach(store, handler, misdirected(over)).catch((e: unknown) => e);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toContain(reason);
    expect(await count('breaches')).toBe(before);
    expect(await lastDenial('breach.create')).toContain(field);
  });

  it('assesses the risk, and refuses a decision that does not fit it', async () => {
    await expect(
      decideNotification(store, handler, breach, {
        ico: 'notify',
        icoReasons: 'x',
        people: 'notify',
        peopleReasons: 'y',
        messageToPeople: 'z',
      }),
    ).rejects.toMatchObject({
      field: 'breachId',
      reason: 'assess the risk first: the decision depends on it',
    });
    await assessRisk(store, handler, breach, {
      likelihood: 'likely',
      severity: 'significant',
      consequences:
        'Someone outside Brookvale Homes may know you owe rent, and could use your contact details to contact you.',
      reasons: 'The contractor opened the file before telling us.',
    });
    expect((await readBreach(store, handler, breach)).assessment?.risk).toBe('high');
    const refused = (d: Partial<NotificationDecision>) =>
      expect(
        decideNotification(store, handler, breach, {
          ico: 'notify',
          icoReasons: 'high risk',
          people: 'notify',
          peopleReasons: 'high risk',
          ...d,
        }),
      ).rejects;
    await refused({ ico: 'not-notify', messageToPeople: 'm' }).toMatchObject({ field: 'ico' });
    await refused({ people: 'not-notify' }).toMatchObject({ field: 'peopleException' });
    await refused({}).toMatchObject({ field: 'messageToPeople', reason: 'is required' });
    // The letter's "What this could mean for you" is written for the person, never copied.
    await refused({ messageToPeople: 'm' }).toMatchObject({
      field: 'consequencesForPeople',
      reason: 'is required',
    });
    await decideNotification(store, handler, breach, {
      ico: 'notify',
      icoReasons: 'High risk: financial details went to a third party',
      people: 'notify',
      peopleReasons: 'High risk to each person',
      messageToPeople:
        'On 19 November a report about rent accounts, including yours, was sent by email to the wrong contractor.',
      consequencesForPeople: 'You may be contacted by someone you do not know about your rent.',
    });
    expect((await readBreach(store, handler, breach)).clocks.ico.status).toBe('overdue');
  });

  it('finds the people affected from the audit log, the records and a return, once each', async () => {
    const officer: Call = {
      actor: {
        id: 'officer-7',
        kind: 'staff',
        controllerId: CONTROLLER,
        roles: ['housing-officer'],
        patches: ['north'],
      },
      purpose: 'tenancy-management',
      channel: 'web',
    };
    await readPersonFile(store, officer, f.people.ada);
    await readPersonFile(store, officer, f.people.eve);
    const window = {
      from: new Date(TEST_NOW.getTime() - 3_600_000),
      to: new Date(TEST_NOW.getTime() + 60_000),
    };
    expect(
      await addAffected(store, handler, breach, { by: 'accessed-by', actor: 'officer-7', ...window }),
    ).toEqual({ found: 2, added: 2, total: 2 });
    expect(
      await addAffected(store, handler, breach, {
        by: 'records',
        recordTypes: ['rent-transaction'],
        patch: 'north',
      }),
    ).toEqual({
      found: 3,
      added: 1,
      total: 3,
    });
    const affected = await affectedBy(store, handler, breach);
    expect(affected.map((a) => a.personId).sort()).toEqual([f.people.ada, f.people.bo, f.people.eve].sort());
    const onFile = await t.db.query<{ reason: string }>(
      `select reason from audit_events where action = 'breach.affected' and person_id = $1 and outcome = 'allowed'`,
      [f.people.bo],
    );
    expect(onFile.map((e) => e.reason)).toEqual(['found by records']);
  });

  it('refuses a finder the actor may not use, or with bad input', async () => {
    // A role scoped to one patch cannot answer for the whole landlord.
    const income: Call = {
      actor: {
        id: 'income-2',
        kind: 'staff',
        controllerId: CONTROLLER,
        roles: ['income-officer'],
        patches: ['north'],
      },
      purpose: 'tenancy-management',
      channel: 'web',
    };
    await expect(
      addAffected(store, income, breach, { by: 'people', personIds: [f.people.fay] }),
    ).rejects.toThrow(AccessDenied);
    expect(await lastDenial('breach.affected')).toBe('the record is not in your patch');
    await expect(
      addAffected(store, handler, breach, {
        by: 'accessed-by',
        actor: 'x',
        from: new Date('2026-11-02'),
        to: new Date('2026-11-01'),
      }),
    ).rejects.toMatchObject({ field: 'to' });
    await expect(
      addAffected(store, handler, breach, { by: 'records', recordTypes: ['diary'] }),
    ).rejects.toMatchObject({
      field: 'recordTypes[0]',
    });
    expect((await affectedBy(store, handler, breach)).length).toBe(3);
  });

  it('writes a letter to each person affected, once', async () => {
    const { letters, skipped } = await breachLetters(store, handler, breach);
    expect(skipped).toBe(0);
    expect(letters).toHaveLength(3);
    const ada = letters.find((l) => l.personId === f.people.ada)!;
    expect(ada.text).toContain('Dear Ms Testwell');
    expect(ada.text).toContain('1 Acacia Road\nBrookvale\nBV1 1AA');
    expect(ada.text).toContain('- Financial information, including benefits and bank details');
    expect(ada.text).toContain('email dpo@brookvale-homes.org.uk');
    expect(ada.html).toContain('<h1>A personal data breach that affects you</h1>');
    expect(ada.html).toContain('<html lang="en-GB">');
    expect(ada.text).toContain('You may be contacted by someone you do not know about your rent.');
    expect(ada.text).not.toContain('The contractor opened the file');
    expect(ada.text).not.toContain('Someone outside Brookvale Homes may know');
    expect((await breachLetters(store, handler, breach)).letters).toHaveLength(0);
    // Downloading prepares them; they are sent only when someone says they were posted.
    expect((await readBreach(store, handler, breach)).affected).toEqual({
      people: 3,
      lettersPrepared: 3,
      lettersSent: 0,
    });
    await expect(
      markLettersSent(store, handler, breach, { sentAt: '2026-11-22T09:00:00Z' }),
    ).rejects.toMatchObject({
      field: 'sentAt',
      reason: expect.stringMatching(/^cannot be before the letters/),
    });
    expect(await markLettersSent(store, handler, breach, { sentAt: TEST_NOW })).toBe(3);
    expect((await readBreach(store, handler, breach)).affected).toEqual({
      people: 3,
      lettersPrepared: 3,
      lettersSent: 3,
    });
    await expect(markLettersSent(store, handler, breach, { sentAt: TEST_NOW })).rejects.toMatchObject({
      field: 'sentAt',
    });
  });

  it('records a late report to the ICO only with the reasons for the delay', async () => {
    await expect(
      recordReport(store, handler, breach, { to: 'ico', reportedAt: '2026-11-23T09:00:00Z' }),
    ).rejects.toMatchObject({
      field: 'delayReasons',
    });
    await expect(
      recordReport(store, handler, breach, { to: 'core', reportedAt: '2026-11-23T09:00:00Z' }),
    ).rejects.toMatchObject({
      field: 'to',
      reason: 'no CORE data is involved in this breach',
    });
    await recordReport(store, handler, breach, {
      to: 'ico',
      reportedAt: '2026-11-23T09:00:00Z',
      reference: 'ICO/00000/2026',
      delayReasons: 'The contractor told us only on the Sunday evening.',
    });
    expect((await readBreach(store, handler, breach)).clocks.ico.status).toBe('reported-late');
  });

  it('keeps every assessment and decision; after the ICO was told, a change needs its reason', async () => {
    const lower = { likelihood: 'remote', severity: 'minimal', consequences: 'c', reasons: 'r' } as const;
    await expect(assessRisk(store, handler, breach, lower)).rejects.toMatchObject({
      field: 'revisionReason',
      reason: expect.stringMatching(/^is needed: the ICO was told on 23 November 2026, 9:00am and letters/),
    });
    await assessRisk(store, handler, breach, {
      ...lower,
      revisionReason: 'The contractor has confirmed in writing that the email was deleted unread.',
    });
    const notTell = {
      ico: 'not-notify',
      icoReasons: 'Unlikely to result in a risk now.',
      people: 'not-notify',
      peopleReasons: 'Unlikely to result in a risk now.',
    } as const;
    await expect(
      decideNotification(store, handler, breach, { ...notTell, revisionReason: 'Deleted unread.' }),
    ).rejects.toMatchObject({
      field: 'reportStands',
      reason: expect.stringContaining('(reference ICO/00000/2026). Deciding now'),
    });
    await expect(
      decideNotification(store, handler, breach, { ...notTell, reportStands: true }),
    ).rejects.toMatchObject({ field: 'revisionReason' });
    await decideNotification(store, handler, breach, {
      ...notTell,
      reportStands: true,
      revisionReason: 'Deleted unread.',
    });
    const view = await readBreach(store, handler, breach);
    expect(view.assessment).toMatchObject({ risk: 'unlikely' });
    expect(view.history.assessments.map((a) => [a.n, a.risk, a.revisionReason])).toEqual([
      [1, 'high', null],
      [2, 'unlikely', 'The contractor has confirmed in writing that the email was deleted unread.'],
    ]);
    expect(view.history.decisions.map((d) => [d.ico, d.revisionReason, d.by])).toEqual([
      ['notify', null, 'dpo-1'],
      ['not-notify', 'Deleted unread.', 'dpo-1'],
    ]);
    // The report stands, and its clock still says so.
    expect(view.icoReport).toMatchObject({ reference: 'ICO/00000/2026' });
    expect(view.clocks.ico.status).toBe('reported-late');
  });

  it('closes only when nothing is outstanding, with the lessons', async () => {
    const n = await addAction(store, handler, breach, {
      kind: 'containment',
      action: 'Asked the contractor to delete the email and confirm in writing.',
      owner: 'dpo-1',
      dueOn: '2026-11-24',
    });
    await expect(closeBreach(store, handler, breach, { lessons: 'Check recipients.' })).rejects.toMatchObject(
      {
        reason: 'The breach cannot be closed yet: 1 action is not done',
      },
    );
    await completeAction(store, handler, breach, n);
    await closeBreach(store, handler, breach, {
      lessons: 'Send reports through the portal, never by email.',
    });
    const view = await readBreach(store, handler, breach);
    expect(view).toMatchObject({
      status: 'closed',
      lessons: 'Send reports through the portal, never by email.',
    });
    await expect(
      addAction(store, handler, breach, { kind: 'lesson', action: 'x', owner: 'y' }),
    ).rejects.toMatchObject({
      reason: 'the breach is closed',
    });
  });

  it('runs the 24-hour CORE clock when a CORE return was involved, and finds who was in it', async () => {
    const core = await generateReturn(store, system(), {
      controllerId: CONTROLLER,
      kind: 'core',
      from: '2026-10-01',
      to: '2026-10-31',
      approvedBy: 'dpo-1',
    });
    const id = await recordBreach(
      store,
      handler,
      misdirected({
        summary: 'The CORE return file was uploaded to the wrong portal.',
        awareAt: '2026-11-23T08:00:00Z',
        occurredAt: undefined,
        returnIds: [core.returnId],
      }),
    );
    const view = await readBreach(store, handler, id);
    expect(view.coreData).toBe(true);
    expect(view.clocks.core).toMatchObject({
      status: 'due',
      hoursLeft: 22,
      deadline: new Date('2026-11-24T08:00:00Z'),
    });
    expect(await addAffected(store, handler, id, { by: 'return', returnId: core.returnId })).toMatchObject({
      added: 3,
    });
    await recordReport(store, handler, id, {
      to: 'core',
      reportedAt: '2026-11-23T09:30:00Z',
      reference: 'CORE-INC-1',
    });
    expect((await readBreach(store, handler, id)).clocks.core?.status).toBe('reported');
  });

  it('keeps near misses in the register without clocks, and lists open breaches first', async () => {
    const near = await recordBreach(store, handler, {
      kind: 'near-miss',
      types: ['confidentiality'],
      summary: 'A letter was put in the wrong envelope but caught before posting.',
      awareAt: '2026-11-23T09:45:00Z',
    });
    await expect(
      assessRisk(store, handler, near, {
        likelihood: 'remote',
        severity: 'minimal',
        consequences: 'None',
        reasons: 'Caught',
      }),
    ).rejects.toMatchObject({ field: 'breachId' });
    const list = await listBreaches(store, handler);
    expect(list.map((b) => [b.kind, b.status, b.clocks.ico.status])).toEqual([
      ['breach', 'open', 'awaiting-decision'],
      ['near-miss', 'open', 'not-required'],
      ['breach', 'closed', 'reported-late'],
    ]);
    expect((await verifyChain(t.db)).ok).toBe(true);
  });

  it('holds a suspected breach any member of staff reports, first in the register, until triaged', async () => {
    const officer: Call = {
      actor: { id: 'officer-7', kind: 'staff', controllerId: CONTROLLER, roles: ['housing-officer'] },
      purpose: 'tenancy-management',
      channel: 'web',
    };
    await expect(
      reportSuspectedBreach(store, officer, { summary: 'x', noticedAt: '2026-11-24T09:00:00Z' }),
    ).rejects.toMatchObject({ field: 'noticedAt' });
    const { id, reference } = await reportSuspectedBreach(store, officer, {
      summary: 'Rent statements were left in a communal hallway.',
      noticedAt: '2026-11-23T09:30:00Z',
    });
    expect(reference).toBe(`B-${id.slice(0, 8)}`);
    // Sent again (a double click), it is the same report.
    const again = await reportSuspectedBreach(store, officer, {
      summary: 'Rent statements were left in a communal hallway.',
      noticedAt: '2026-11-23T09:30:00Z',
    });
    expect(again.id).toBe(id);
    const list = await listBreaches(store, handler);
    expect(list[0]).toMatchObject({ id, status: 'reported' });
    expect(list[0]!.clocks.ico.status).toBe('awaiting-decision');
    await expect(triageBreach(store, handler, id, { kind: 'breach', types: [] })).rejects.toMatchObject({
      field: 'types',
    });
    await triageBreach(store, handler, id, { kind: 'near-miss', types: ['confidentiality'] });
    expect(await readBreach(store, handler, id)).toMatchObject({ status: 'open', kind: 'near-miss' });
    await expect(
      triageBreach(store, handler, id, { kind: 'breach', types: ['confidentiality'] }),
    ).rejects.toMatchObject({ reason: 'The breach is already in the register' });
  });
});
