/** The gate and consent: what rests on consent alone needs consent in force, judged at the caller's time. */
import { describe, expect, it } from 'vitest';
import { decide, type AccessRequest } from '../../src/access/decide.ts';
import { consentOnlyCategories } from '../../src/consent/reliance.ts';
import { lookup } from '../../src/manifest/lookup.ts';
import { comms, controllerId, manifest } from './fixture.ts';

const now = new Date('2026-11-23T10:00:00Z');
const later = new Date('2026-11-23T11:00:00Z');
const newsletter: AccessRequest = {
  actor: comms.actor,
  purpose: 'newsletters',
  action: 'read',
  controllerId,
  personId: 'p1',
  recordType: 'person',
  now,
};
const supportWorker = {
  id: 'sw-1',
  kind: 'staff' as const,
  controllerId,
  roles: ['support-worker'],
  teams: ['tenancy-support'],
};
const supportNeeds: AccessRequest = {
  actor: supportWorker,
  purpose: 'support',
  action: 'read',
  controllerId,
  personId: 'p1',
  recordType: 'support-needs',
  record: { team: 'tenancy-support' },
  now,
};

describe('what rests on consent', () => {
  const activity = (id: string) => lookup(manifest).activities.get(id)!;

  it('finds the categories only consent makes lawful', () => {
    expect(consentOnlyCategories(manifest, activity('newsletters'))).toEqual(['identity', 'contact']);
    // Health in support rests on explicit consent (Art. 9(2)(a)); the rest on legitimate interests.
    expect(consentOnlyCategories(manifest, activity('support'))).toEqual(['health']);
    expect(consentOnlyCategories(manifest, activity('lettings'))).toEqual([]);
    expect(consentOnlyCategories(manifest, activity('equality-monitoring'))).toEqual([]);
  });
});

describe('the gate with consent', () => {
  it('refuses processing that rests on consent alone when there is none, or none in force', () => {
    const refusal = {
      allowed: false,
      reason: 'this person has not given consent to Newsletters and events, or has withdrawn it (Art. 7)',
    };
    expect(decide(manifest, newsletter)).toMatchObject(refusal);
    expect(decide(manifest, { ...newsletter, consents: [] })).toMatchObject(refusal);
    expect(
      decide(manifest, { ...newsletter, consents: [{ activity: 'support', until: null }] }),
    ).toMatchObject(refusal);
    expect(
      decide(manifest, { ...newsletter, consents: [{ activity: 'newsletters', until: now }] }),
    ).toMatchObject(refusal);
  });

  it('allows it while consent is in force, until the moment it lapses', () => {
    const given = { ...newsletter, consents: [{ activity: 'newsletters', until: later }] };
    expect(decide(manifest, given)).toMatchObject({
      allowed: true,
      fields: ['givenName', 'familyName', 'email'],
    });
    expect(decide(manifest, { ...given, now: later }).allowed).toBe(false);
    expect(
      decide(manifest, { ...newsletter, consents: [{ activity: 'newsletters', until: null }] }).allowed,
    ).toBe(true);
  });

  it('keeps out only the fields whose category needs the consent that is missing', () => {
    expect(decide(manifest, supportNeeds)).toMatchObject({ allowed: true, fields: ['endedOn'] });
    const consented = { ...supportNeeds, consents: [{ activity: 'support', until: null }] };
    expect(decide(manifest, consented)).toMatchObject({ allowed: true, fields: ['needs', 'endedOn'] });
    expect(decide(manifest, { ...supportNeeds, fields: ['needs'] })).toMatchObject({ allowed: false });
  });

  it('applies to Custos itself, but not to people reading their own data', () => {
    const system = {
      ...newsletter,
      actor: { id: 'custos', kind: 'system' as const, controllerId, roles: [] },
    };
    expect(decide(manifest, system).allowed).toBe(false);
    expect(decide(manifest, { ...supportNeeds, actor: system.actor }).fields).toEqual(['endedOn']);
    const self = { id: 'portal:p1', kind: 'subject' as const, controllerId, roles: [], personId: 'p1' };
    expect(decide(manifest, { ...newsletter, actor: self }).allowed).toBe(true);
  });

  it('leaves processing on other bases alone', () => {
    const housing = {
      ...newsletter,
      actor: { id: 'ho-1', kind: 'staff' as const, controllerId, roles: ['housing-officer'], patches: ['n'] },
      purpose: 'tenancy-management',
      record: { patch: 'n' },
    };
    expect(decide(manifest, housing).allowed).toBe(true);
  });
});
