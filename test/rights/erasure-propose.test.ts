import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/manifest/lookup.ts';
import type { Inventory, Lifecycle } from '../../src/records/erasure-inventory.ts';
import {
  addPeriod,
  decideProfile,
  decideRecord,
  propose,
  recipientsToTell,
  retentionState,
  servingActivities,
} from '../../src/rights/erasure/index.ts';
import { demoManifest } from '../support/store.ts';

const manifest = demoManifest();
const now = new Date('2026-11-23T10:00:00Z');
const type = (id: string) => lookup(manifest).recordTypes.get(id)!;
const noTenancy: Inventory['tenancy'] = { held: false, current: false, lastEnded: null };
const current: Inventory['tenancy'] = { held: true, current: true, lastEnded: null };
const held = (over: Partial<Lifecycle> = {}): Lifecycle => ({
  createdAt: new Date('2026-11-01T09:00:00Z'),
  occurredAt: null,
  closedAt: null,
  endedAt: null,
  ...over,
});

describe('retention periods', () => {
  it('adds calendar months clamped to the month end, then days and time', () => {
    expect(addPeriod(new Date('2026-01-31T10:00:00Z'), 'P1M').toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addPeriod(new Date('2020-11-23T00:00:00Z'), 'P6Y').toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(addPeriod(new Date('2026-11-01T09:00:00Z'), 'P30D').toISOString()).toBe(
      '2026-12-01T09:00:00.000Z',
    );
    expect(addPeriod(new Date('2026-11-01T09:00:00Z'), 'P1Y6M').toISOString()).toBe(
      '2028-05-01T09:00:00.000Z',
    );
    expect(addPeriod(new Date('2026-11-01T09:00:00Z'), 'PT12H').toISOString()).toBe(
      '2026-11-01T21:00:00.000Z',
    );
    expect(() => addPeriod(now, '6 years')).toThrow(/ISO 8601/);
  });

  it('knows whether a clock has started, is running or has run out', () => {
    const recording = type('call-recording');
    expect(
      retentionState(manifest, recording, held({ occurredAt: new Date('2026-11-01') }), noTenancy, now),
    ).toMatchObject({ state: 'running' });
    expect(
      retentionState(manifest, recording, held({ occurredAt: new Date('2026-01-01') }), noTenancy, now),
    ).toMatchObject({ state: 'expired' });
    const log = type('contact-log');
    expect(retentionState(manifest, log, held(), current, now)).toMatchObject({ state: 'not-started' });
    const ended = { held: true, current: false, lastEnded: new Date('2019-01-01T00:00:00Z') };
    expect(retentionState(manifest, log, held(), ended, now)).toMatchObject({ state: 'expired' });
    const recent = { held: true, current: false, lastEnded: new Date('2024-01-01T00:00:00Z') };
    expect(retentionState(manifest, log, held(), recent, now)).toMatchObject({ state: 'running' });
  });
});

describe('erasure proposals from the manifest', () => {
  it('leaves out the activity that answers rights requests: it reads everything and keeps nothing', () => {
    expect(servingActivities(manifest, type('contact-log')).map((a) => a.id)).toEqual(['tenancy-management']);
    expect(servingActivities(manifest, type('cctv-clip')).map((a) => a.id)).toEqual(['cctv', 'asb']);
  });

  it('keeps what a legal obligation needs, saying which law', () => {
    const d = decideRecord(manifest, type('support-needs'), held(), current, now);
    expect(d).toMatchObject({ action: 'keep', reason: 'legal-obligation' });
    expect(d.explanation).toContain('Equality Act 2010');
  });

  it('keeps what a running contract needs, then keeps it for its retention rule after the tenancy ends', () => {
    expect(decideRecord(manifest, type('contact-log'), held(), current, now)).toMatchObject({
      action: 'keep',
      reason: 'contract',
    });
    const recent = { held: true, current: false, lastEnded: new Date('2024-01-01T00:00:00Z') };
    const d = decideRecord(manifest, type('contact-log'), held(), recent, now);
    expect(d).toMatchObject({ action: 'keep', reason: 'retention-rule' });
    expect(d.explanation).toContain('Limitation Act 1980');
    expect(d.explanation).toContain('1 January 2030');
  });

  it('erases what legitimate interests held, and what has outlived its retention period', () => {
    expect(decideRecord(manifest, type('equality-monitoring'), held(), current, now)).toMatchObject({
      action: 'erase',
      reason: 'objection',
    });
    const old = decideRecord(
      manifest,
      type('call-recording'),
      held({ occurredAt: new Date('2026-01-01') }),
      noTenancy,
      now,
    );
    expect(old).toMatchObject({ action: 'erase', reason: 'no-longer-necessary' });
    expect(old.explanation).toContain('90 days after the call');
  });

  it("keeps the person's details while anything else is kept or a tenancy runs, else erases them", () => {
    expect(decideProfile([{ action: 'keep', reason: 'legal-obligation' }], false)).toMatchObject({
      action: 'keep',
      reason: 'needed-for-kept-records',
    });
    expect(decideProfile([], true)).toMatchObject({ action: 'keep', reason: 'contract' });
    expect(decideProfile([{ action: 'erase', reason: 'objection' }], false)).toMatchObject({
      action: 'erase',
      reason: 'no-longer-necessary',
    });
    expect(decideProfile([], false)).toMatchObject({ action: 'erase', reason: 'no-longer-necessary' });
  });

  it('proposes for records, mentions and the profile, naming the part played in someone else’s record', () => {
    const inventory: Inventory = {
      personId: 'p',
      controllerId: manifest.controller.id,
      records: [
        {
          id: 'r1',
          recordType: 'call-recording',
          documents: 0,
          held: false,
          ...held({ occurredAt: new Date('2026-11-01') }),
        },
      ],
      mentions: [
        {
          recordId: 'r2',
          recordType: 'asb-case',
          holderId: 'h',
          parts: ['complainant', 'witness'],
          held: false,
          ...held(),
        },
      ],
      personDocuments: 0,
      tenancy: noTenancy,
      personHeld: false,
    };
    const proposals = propose(manifest, inventory, now);
    expect(proposals.map((p) => `${p.kind} ${p.action} ${p.reason}`)).toEqual([
      'record erase objection',
      'mention keep legal-obligation',
      'profile keep needed-for-kept-records',
    ]);
    expect(proposals[1]!.explanation).toContain('as complainant and witness');
  });

  it('keeps what a legal hold covers for legal claims, and does not erase a held person entirely', () => {
    const inventory: Inventory = {
      personId: 'p',
      controllerId: manifest.controller.id,
      records: [
        { id: 'r1', recordType: 'call-recording', documents: 0, held: true, ...held() },
        { id: 'r3', recordType: 'call-recording', documents: 0, held: false, ...held() },
      ],
      mentions: [],
      personDocuments: 0,
      tenancy: noTenancy,
      personHeld: false,
    };
    const proposals = propose(manifest, inventory, now);
    expect(proposals.map((p) => `${p.kind} ${p.action} ${p.reason}`)).toEqual([
      'record keep legal-claims',
      'record erase objection',
      'profile keep needed-for-kept-records',
    ]);
    expect(proposals[0]!.explanation).toContain('legal hold');
    const whole = propose(manifest, { ...inventory, records: [], personHeld: true }, now);
    expect(whole.map((p) => `${p.kind} ${p.action} ${p.reason}`)).toEqual(['profile keep legal-claims']);
  });

  it('lists the recipients of the activities the erased records serve (Art. 19)', () => {
    expect(recipientsToTell(manifest, ['call-recording']).map((r) => r.id)).toEqual(['police']);
    expect(recipientsToTell(manifest, ['contact-log', 'person']).map((r) => r.id)).toEqual([
      'local-authority',
      'dwp',
      'police',
      'contractors',
      'it-provider',
      'housing-ombudsman',
      // the routine returns (Art. 19: those who received it are told)
      'cabinet-office',
      'mhclg',
      'experian',
    ]);
    expect(recipientsToTell(manifest, ['equality-monitoring'])).toEqual([]);
  });
});
