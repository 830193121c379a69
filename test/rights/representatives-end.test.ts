/**
 * Ending a representative's authority: gated and audited like adding one, the reason sealed, bad
 * input refused naming the field with nothing written, and requests through them refused after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/verify.ts';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import type { Call, Store } from '../../src/records/store.ts';
import {
  addRepresentative,
  checkAuthority,
  endRepresentative,
  readRepresentative,
} from '../../src/rights/representatives/index.ts';
import { createRequest } from '../../src/rights/requests/index.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { audits, controllerId, manifest, newPerson, stranger, system } from './requests-helpers.ts';

let t: TestDb;
let store: Store;
let person: string;
let advocate: string;

const endColumns = (id: string) =>
  t.db.query('select ended_on, end_reason, ended_at, ended_by from rights_representatives where id = $1', [
    id,
  ]);

beforeAll(async () => {
  t = await openTestDb();
  store = testStore(t.db, manifest); // today is 2026-11-23
  person = await newPerson(store);
  advocate = await addRepresentative(store, system, {
    controllerId,
    personId: person,
    agent: { name: 'Octavia Pennywhistle', organisation: 'Synthetic Advocacy Service' },
    kind: 'advocate',
    scope: ['all'],
    evidence: { kind: 'written-authority', reference: 'DOC-1234' },
    startsOn: '2026-06-01',
  });
});
afterAll(() => t?.close());

describe(`ending a representative's authority (${ENGINE})`, () => {
  it('refuses bad input, naming the field, and writes nothing', async () => {
    const bad: [string, unknown, unknown][] = [
      ['representativeId', 'not-an-id', { endedOn: '2026-11-20', reason: 'Withdrawn' }],
      ['endedOn', advocate, { endedOn: '2026-02-30', reason: 'Withdrawn' }],
      ['endedOn', advocate, { endedOn: '2026-12-01', reason: 'Withdrawn' }],
      ['endedOn', advocate, { reason: 'Withdrawn' }],
      ['reason', advocate, { endedOn: '2026-11-20', reason: '   ' }],
      ['reason', advocate, { endedOn: '2026-11-20' }],
    ];
    for (const [field, id, input] of bad) {
      const error = await endRepresentative(store, system, id as string, input as never).catch(
        (e: unknown) => e,
      );
      expect(error, field).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
    }
    expect(await endColumns(advocate)).toEqual([
      { ended_on: null, end_reason: null, ended_at: null, ended_by: null },
    ]);
    expect((await audits(t.db, 'representative.end', 'denied')).length).toBe(bad.length);
  });

  it('refuses someone the gate refuses, and an unknown representative', async () => {
    const outsider: Call = { actor: stranger, purpose: 'subject-access', channel: 'web' };
    await expect(
      endRepresentative(store, outsider, advocate, { endedOn: '2026-11-20', reason: 'Withdrawn' }),
    ).rejects.toThrow(AccessDenied);
    await expect(
      endRepresentative(store, system, '00000000-0000-4000-8000-000000000000', {
        endedOn: '2026-11-20',
        reason: 'Withdrawn',
      }),
    ).rejects.toThrow(NotFound);
    expect((await endColumns(advocate))[0]).toMatchObject({ ended_on: null });
  });

  it('ends the authority with the reason sealed, audited with the date only', async () => {
    expect(await checkAuthority(store, advocate, person, 'access', '2026-11-21')).toEqual({ ok: true });
    await endRepresentative(store, system, advocate, {
      endedOn: '2026-11-21',
      reason: 'The tenant withdrew the advocate’s authority by phone',
    });
    const [raw] = await t.db.query<{ end_reason: Uint8Array; ended_by: string }>(
      'select end_reason, ended_by from rights_representatives where id = $1',
      [advocate],
    );
    expect(Buffer.from(raw!.end_reason).toString('latin1')).not.toContain('withdrew');
    expect(raw!.ended_by).toBe('custos');
    const view = await readRepresentative(store, system, advocate);
    expect(view.ended).toEqual({
      on: '2026-11-21',
      reason: 'The tenant withdrew the advocate’s authority by phone',
      by: 'custos',
    });
    const [audit] = await audits(t.db, 'representative.end', 'allowed');
    expect(audit).toMatchObject({ person_id: person, reason: 'authority ended on 2026-11-21' });
    // The day before it ended, it still held (a request received then stands).
    expect(await checkAuthority(store, advocate, person, 'access', '2026-11-20')).toEqual({ ok: true });
    expect(await checkAuthority(store, advocate, person, 'access', '2026-11-21')).toMatchObject({
      ok: false,
      reason: 'ended',
    });
  });

  it('refuses a request made through them once ended, with the reason on file', async () => {
    const made = await createRequest(store, system, {
      controllerId,
      personId: person,
      representativeId: advocate,
      right: 'access',
      channel: 'representative',
      receivedOn: '2026-11-22',
    });
    expect(made.status).toBe('refused');
    expect(made.authority).toMatchObject({
      ok: false,
      reason: 'ended',
      detail: 'the authority was ended on 2026-11-21, on or before 2026-11-22',
    });
  });

  it('refuses to end it twice, naming representativeId', async () => {
    await expect(
      endRepresentative(store, system, advocate, { endedOn: '2026-11-22', reason: 'Again' }),
    ).rejects.toMatchObject({ field: 'representativeId' });
    expect((await endColumns(advocate))[0]).toMatchObject({ ended_on: '2026-11-21' });
    expect((await verifyChain(t.db)).ok).toBe(true);
  });
});
