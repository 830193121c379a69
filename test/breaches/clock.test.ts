import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breachClocks,
  checkDecision,
  coreDeadline,
  icoDeadline,
  LIKELIHOODS,
  riskLevel,
  SEVERITIES,
  type ClockStatus,
} from '../../src/breaches/index.ts';

const aware = new Date('2026-11-20T16:30:00Z'); // a Friday afternoon
const at = (iso: string) => new Date(iso);
const base = {
  kind: 'breach' as const,
  awareAt: aware,
  coreData: false,
  icoDecision: null,
  icoReportedAt: null,
  coreReportedAt: null,
};

describe('the breach clocks', () => {
  it('gives the ICO 72 clock hours, weekends included, and CORE 24', () => {
    expect(icoDeadline(aware).toISOString()).toBe('2026-11-23T16:30:00.000Z');
    expect(coreDeadline(aware).toISOString()).toBe('2026-11-21T16:30:00.000Z');
    // Across the end of British Summer Time it is still 72 hours, not three calendar days.
    expect(icoDeadline(at('2026-10-23T12:00:00+01:00')).toISOString()).toBe('2026-10-26T11:00:00.000Z');
  });

  it.each<[string, object, string, ClockStatus, number | null]>([
    ['waits for a decision', {}, '2026-11-21T10:30:00Z', 'awaiting-decision', 54],
    ['runs once the ICO is to be told', { icoDecision: 'notify' }, '2026-11-23T16:00:00Z', 'due', 0],
    ['is overdue after 72 hours', { icoDecision: 'notify' }, '2026-11-23T18:30:00Z', 'overdue', -2],
    [
      'stops when reported in time',
      { icoDecision: 'notify', icoReportedAt: at('2026-11-22T09:00:00Z') },
      '2026-11-30T00:00:00Z',
      'reported',
      null,
    ],
    [
      'marks a late report',
      { icoDecision: 'notify', icoReportedAt: at('2026-11-24T09:00:00Z') },
      '2026-11-30T00:00:00Z',
      'reported-late',
      null,
    ],
    [
      'stops when the breach need not be reported',
      { icoDecision: 'not-notify' },
      '2026-11-30T00:00:00Z',
      'not-required',
      null,
    ],
    ['never runs for a near miss', { kind: 'near-miss' }, '2026-11-30T00:00:00Z', 'not-required', null],
  ])('%s', (_, over, now, status, hoursLeft) => {
    expect(breachClocks({ ...base, ...over }, at(now)).ico).toMatchObject({ status, hoursLeft });
  });

  it('runs the CORE clock whatever the risk, when CORE data is involved', () => {
    const now = at('2026-11-21T17:00:00Z');
    expect(breachClocks(base, now).core).toBeNull();
    expect(breachClocks({ ...base, coreData: true, icoDecision: 'not-notify' }, now).core).toMatchObject({
      status: 'overdue',
      deadline: at('2026-11-21T16:30:00Z'),
    });
    expect(
      breachClocks({ ...base, coreData: true, coreReportedAt: at('2026-11-21T08:00:00Z') }, now).core?.status,
    ).toBe('reported');
  });

  it('is overdue exactly when now is past the deadline (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 400 * 3600 }),
        (t, offset) => {
          const awareAt = new Date(t * 1000);
          const now = new Date((t + offset) * 1000);
          const clock = breachClocks({ ...base, awareAt, icoDecision: 'notify' }, now).ico;
          expect(clock.status === 'overdue').toBe(offset > 72 * 3600);
        },
      ),
    );
  });
});

describe('the risk assessment and the decision', () => {
  it('takes the level from likelihood and severity', () => {
    const table = LIKELIHOODS.map((l) => SEVERITIES.map((s) => riskLevel(l, s)));
    expect(table).toEqual([
      ['unlikely', 'unlikely', 'risk'],
      ['unlikely', 'risk', 'high'],
      ['risk', 'high', 'high'],
    ]);
  });

  it.each<[string, Parameters<typeof checkDecision>, string | null]>([
    [
      'not telling the ICO of a risk',
      ['risk', { ico: 'not-notify', people: 'not-notify', peopleException: null }],
      'ico',
    ],
    [
      'not telling people at high risk',
      ['high', { ico: 'notify', people: 'not-notify', peopleException: null }],
      'peopleException',
    ],
    [
      'silence for disproportionate effort',
      ['high', { ico: 'notify', people: 'not-notify', peopleException: 'disproportionate-effort' }],
      'people',
    ],
    [
      'a public notice without the exception',
      ['high', { ico: 'notify', people: 'public-communication', peopleException: null }],
      'peopleException',
    ],
    [
      'an exception while telling people',
      ['high', { ico: 'notify', people: 'notify', peopleException: 'unintelligible' }],
      'peopleException',
    ],
  ])('refuses %s', (_, args, field) => {
    expect(checkDecision(...args)?.field).toBe(field);
  });

  it.each<[string, Parameters<typeof checkDecision>]>([
    [
      'no report when unlikely to harm',
      ['unlikely', { ico: 'not-notify', people: 'not-notify', peopleException: null }],
    ],
    [
      'encrypted data at high risk',
      ['high', { ico: 'notify', people: 'not-notify', peopleException: 'unintelligible' }],
    ],
    [
      'a public notice for many people',
      ['high', { ico: 'notify', people: 'public-communication', peopleException: 'disproportionate-effort' }],
    ],
    [
      'telling the ICO when not obliged',
      ['unlikely', { ico: 'notify', people: 'not-notify', peopleException: null }],
    ],
  ])('allows %s', (_, args) => {
    expect(checkDecision(...args)).toBeNull();
  });
});
