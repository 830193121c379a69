import { describe, expect, it } from 'vitest';
import { validateFile } from '../../src/manifest/validate.ts';
import { activityIndex, lineOf, rulesOf, STARTER, TODAY, validateEdited } from './helpers.ts';

const support = activityIndex('support');
const lettings = activityIndex('lettings');
const newsletters = activityIndex('newsletters');
const cctv = activityIndex('cctv');

describe('validating the law and the references of a manifest', () => {
  it('accepts the starter and the demo landlord with no errors', () => {
    for (const file of [STARTER, new URL('../../examples/demo-landlord.yaml', import.meta.url).pathname]) {
      const v = validateFile(file, { today: TODAY });
      expect(v.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(v.manifest?.activities.length).toBeGreaterThan(5);
    }
  });

  it('reports special category data without an Art. 9 condition, at the category', () => {
    const v = validateEdited({ remove: ['activities', support, 'lawfulBases', 1, 'art9'] });
    expect(rulesOf(v)).toContain('art9/missing-condition');
    const problem = v.problems.find((p) => p.rule === 'art9/missing-condition')!;
    expect(problem.message).toContain('"health"');
    expect(problem.line).toBe(lineOf(v.text, '- id: support') + 5);
  });

  it('asks for a Schedule 1 condition where Art. 9(2)(b), (g), (h), (i) or (j) is relied on', () => {
    for (const condition of ['b', 'g', 'h', 'i', 'j']) {
      const v = validateEdited(
        { set: ['activities', support, 'lawfulBases', 1, 'art9'], value: condition },
        { set: ['activities', support, 'lawfulBases', 1, 'schedule1'], value: [] },
      );
      expect(rulesOf(v), condition).toContain('art9/missing-schedule1');
    }
    for (const condition of ['a', 'c', 'f']) {
      const v = validateEdited(
        { set: ['activities', support, 'lawfulBases', 1, 'art9'], value: condition },
        { set: ['activities', support, 'lawfulBases', 1, 'schedule1'], value: [] },
      );
      expect(rulesOf(v), condition).not.toContain('art9/missing-schedule1');
    }
  });

  it('rejects a Schedule 1 paragraph from the wrong part for the Art. 9 condition', () => {
    const v = validateEdited({ set: ['activities', support, 'lawfulBases', 1, 'schedule1'], value: [1] });
    expect(rulesOf(v)).toContain('art9/schedule1-wrong-part');
  });

  it('reports criminal offence data without Art. 10 authority', () => {
    const v = validateEdited({ remove: ['activities', lettings, 'lawfulBases', 2, 'art10'] });
    expect(rulesOf(v)).toContain('art10/missing-authority');
    const official = validateEdited({
      set: ['activities', lettings, 'lawfulBases', 2, 'art10'],
      value: { officialAuthority: 'Housing Act 1996' },
    });
    expect(rulesOf(official)).not.toContain('art10/missing-authority');
  });

  it('reports an activity with no retention rule', () => {
    const v = validateEdited({ remove: ['activities', cctv, 'retention'] });
    expect(rulesOf(v)).toContain('retention/missing');
    expect(v.problems.find((p) => p.rule === 'retention/missing')!.line).toBe(lineOf(v.text, '- id: cctv'));
  });

  it('reports consent with no withdrawal route and legitimate interests with no assessment', () => {
    expect(
      rulesOf(validateEdited({ remove: ['activities', newsletters, 'lawfulBases', 0, 'withdrawal'] })),
    ).toContain('basis/consent-without-withdrawal');
    expect(
      rulesOf(validateEdited({ remove: ['activities', cctv, 'lawfulBases', 0, 'assessment'] })),
    ).toContain('basis/li-without-assessment');
  });

  it('reports a dangling reference with a suggestion', () => {
    const v = validateEdited({ set: ['activities', cctv, 'recipients', 0], value: 'polise' });
    const problem = v.problems.find((p) => p.rule === 'ref/dangling')!;
    expect(problem.message).toBe('"polise" is not a declared recipient (did you mean "police"?)');
    expect(problem.path).toEqual(['activities', cctv, 'recipients', 0]);
  });

  it('reports a transfer outside the UK without a safeguard, and a wrong adequacy claim', () => {
    const none = validateEdited({ set: ['activities', cctv, 'transfers'], value: [{ country: 'IN' }] });
    expect(rulesOf(none)).toContain('transfer/no-safeguard');
    const wrong = validateEdited({
      set: ['activities', cctv, 'transfers'],
      value: [{ country: 'IN', safeguard: 'adequacy' }],
    });
    expect(rulesOf(wrong)).toContain('transfer/not-adequate');
    const ok = validateEdited({
      set: ['activities', cctv, 'transfers'],
      value: [{ country: 'IN', safeguard: 'idta' }],
    });
    expect(rulesOf(ok)).toEqual(['promise/contradicted']);
  });

  it('reports a role given fields of a category none of its purposes covers', () => {
    // The repairs contractor works for repairs only, which collects no contact history.
    const v = validateEdited({
      set: ['roles', 2, 'access', 1],
      value: { recordType: 'contact-log', fields: ['summary'] },
    });
    const rules = rulesOf(v);
    expect(rules).toContain('role/field-outside-purpose');
    expect(rules).toContain('role/record-type-outside-purpose');
  });

  it('keeps segregated record types to their own team', () => {
    const v = validateEdited(
      { set: ['roles', 0, 'purposes'], value: ['tenancy-management', 'asb', 'support'] },
      { set: ['roles', 0, 'access', 1], value: { recordType: 'support-needs', fields: '*' } },
    );
    expect(rulesOf(v)).toContain('role/segregated-record-type');
    // Only to answer subject access requests, and only to read: allowed.
    const dpo = validateEdited(
      {
        set: ['roles', 0, 'purposes'],
        value: ['subject-access'],
      },
      { set: ['roles', 0, 'access'], value: [{ recordType: 'support-needs', fields: '*' }] },
    );
    expect(rulesOf(dpo)).not.toContain('role/segregated-record-type');
    const writing = validateEdited(
      { set: ['roles', 0, 'purposes'], value: ['subject-access'] },
      { set: ['roles', 0, 'access'], value: [{ recordType: 'support-needs', fields: '*', write: true }] },
    );
    expect(rulesOf(writing)).toContain('role/segregated-record-type');
  });

  it('checks negative statements against the declaration', () => {
    const v = validateEdited({
      set: ['activities', cctv, 'automatedDecisions'],
      value: [
        { id: 'risk', name: 'Risk score', logic: 'A score', significance: 'Priority', humanReview: 'Ask us' },
      ],
    });
    expect(rulesOf(v)).toEqual([]);
    const promised = validateEdited(
      { set: ['promises'], value: ['no-automated-decisions'] },
      {
        set: ['activities', cctv, 'automatedDecisions'],
        value: [
          {
            id: 'risk',
            name: 'Risk score',
            logic: 'A score',
            significance: 'Priority',
            humanReview: 'Ask us',
          },
        ],
      },
    );
    expect(rulesOf(promised)).toEqual(['promise/contradicted']);
  });

  it('reports an unknown retention trigger and an undeclared controller event', () => {
    const v = validateEdited({ set: ['retention', 0, 'trigger'], value: 'tenancy-endd' });
    expect(v.problems.find((p) => p.rule === 'retention/unknown-trigger')!.message).toContain(
      'did you mean "tenancy-ended"',
    );
    const e = validateEdited({ set: ['retention', 0, 'trigger'], value: 'event:pandemic-over' });
    expect(rulesOf(e)).toContain('retention/unknown-event');
    const declared = validateEdited(
      { set: ['retention', 0, 'trigger'], value: 'event:pandemic-over' },
      {
        set: ['events'],
        value: [{ id: 'pandemic-over', name: 'The government declares the pandemic over' }],
      },
    );
    expect(rulesOf(declared)).toEqual([]);
  });

  it('reports duplicate ids', () => {
    const v = validateEdited({ set: ['subjects', 1, 'id'], value: 'tenant' });
    expect(rulesOf(v)).toContain('ref/duplicate-id');
  });

  it('rejects a vocabulary term with an unknown prefix', () => {
    const v = validateEdited({ set: ['categories', 0, 'dpv', 0], value: 'dvp:Name' });
    expect(v.problems.find((p) => p.rule === 'vocabulary/unknown-prefix')!.message).toContain(
      'did you mean "dpv"',
    );
  });

  it('warns when non-essential cookies have no consent mechanism (PECR)', () => {
    const v = validateEdited(
      { remove: ['notice', 'cookieConsent'] },
      {
        set: ['cookies', 2],
        value: {
          name: '_ga',
          provider: 'Google',
          purpose: 'Analytics',
          category: 'analytics',
          duration: 'P2Y',
          firstParty: false,
        },
      },
    );
    expect(v.problems.find((p) => p.rule === 'cookies/consent-needed')?.severity).toBe('warning');
    const asked = validateEdited(
      {
        set: ['cookies', 2],
        value: {
          name: '_ga',
          provider: 'Google',
          purpose: 'Analytics',
          category: 'analytics',
          duration: 'P2Y',
        },
      },
      { set: ['notice', 'cookieConsent'], value: 'ask-first' },
    );
    expect(asked.problems.map((p) => p.rule)).not.toContain('cookies/consent-needed');
  });

  it('warns when a retention description states another period than the rule', () => {
    const v = validateEdited({ set: ['retention', 1, 'period'], value: 'P10Y' });
    expect(v.problems.find((p) => p.rule === 'retention/description-mismatch')?.path).toEqual([
      'retention',
      1,
      'description',
    ]);
    const agreeing = validateEdited({ set: ['retention', 1, 'period'], value: 'P72M' });
    expect(agreeing.problems.map((p) => p.rule)).not.toContain('retention/description-mismatch');
  });

  it('warns about values left over from the starter manifest, and not about real ones', () => {
    expect(
      validateEdited().problems.filter((p) => p.rule === 'controller/placeholder').length,
    ).toBeGreaterThan(2);
    const demo = validateFile(new URL('../../examples/demo-landlord.yaml', import.meta.url).pathname, {
      today: TODAY,
    });
    expect(demo.problems.map((p) => p.rule)).not.toContain('controller/placeholder');
  });
});
