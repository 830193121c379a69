/**
 * The erasure letter says what happened: a plan only proposed says what we will delete, a plan
 * carried out says what we have deleted, and no sentence under "We have deleted:" still says we
 * will. Built from plan views made by hand (the letter is a pure function of the plan).
 */
import { describe, expect, it } from 'vitest';
import {
  decideProfile,
  ERASE_REASON_CODES,
  ERASE_REASONS,
  erasureLetter,
  KEEP_REASONS,
  type ErasureItemView,
  type ErasurePlanView,
} from '../../src/rights/erasure/index.ts';
import { asDone } from '../../src/rights/erasure/letter.ts';

const MENTION =
  'You are named in a record about someone else (as witness). We should not have held it, so we will delete it. We will remove you from the people it names.';

function item(n: number, action: 'erase' | 'keep', title: string, explanation: string): ErasureItemView {
  const reason = action === 'erase' ? 'no-longer-necessary' : 'legal-obligation';
  return {
    n,
    kind: 'record',
    recordId: null,
    recordType: 'contact-log',
    parts: [],
    title,
    proposed: { action, reason },
    action,
    reason,
    article: 'Article 17',
    reasonLabel: 'label',
    explanation,
    note: null,
    overridden: null,
  };
}

function plan(status: 'proposed' | 'executed'): ErasurePlanView {
  const profile = decideProfile([], false);
  return {
    id: '00000000-0000-4000-8000-000000000001',
    personId: '00000000-0000-4000-8000-000000000002',
    requestId: '00000000-0000-4000-8000-000000000003',
    status,
    createdAt: new Date('2026-11-20T10:00:00Z'),
    executedAt: status === 'executed' ? new Date('2026-11-21T10:00:00Z') : null,
    personErased: status === 'executed',
    keyDestroyed: false,
    items: [
      item(1, 'erase', 'Contact log, 3 March 2026', ERASE_REASONS['no-longer-necessary'].told),
      item(2, 'erase', 'Newsletter sign-up, 1 May 2025', ERASE_REASONS['legal-duty-to-erase'].told),
      item(3, 'erase', 'Noise complaint, 2 June 2026', MENTION),
      item(4, 'keep', 'Rent account', KEEP_REASONS['legal-obligation'].told),
      item(5, 'erase', 'Your details', profile.explanation),
    ],
    recipients: [
      {
        id: 'dwp',
        name: 'Department for Work and Pensions',
        role: null,
        activities: [],
        received: [{ on: '2026-11-02', withheldFromSubject: false }],
      },
    ],
  };
}

/** The lines of the letter from one heading up to the next blank line. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end);
}

describe('the erasure letter', () => {
  it('for a plan carried out, says in every sentence what we have done', () => {
    const letter = erasureLetter(plan('executed'));
    expect(letter.erasedHeading).toBe('We have deleted:');
    expect(letter.text).not.toContain('We will delete:');
    const deleted = section(letter.text, 'We have deleted:');
    expect(deleted).toEqual([
      '- Contact log, 3 March 2026. We no longer need it for the reason we collected it, so we have deleted it.',
      '- Newsletter sign-up, 1 May 2025. The law requires us to delete it, so we have.',
      '- Noise complaint, 2 June 2026. You are named in a record about someone else (as witness). We should not have held it, so we have deleted it. We have removed you from the people it names.',
      '- Your details. Nothing else we hold about you needs to be kept, so we have deleted your name, contact details and identifiers, and destroyed the key that protects your information, so that no copy or backup can reveal it.',
    ]);
    for (const line of deleted) expect(line).not.toMatch(/\bwill\b/);
    expect(section(letter.text, 'We are keeping:')).toEqual([
      '- Rent account. The law requires us to keep it.',
    ]);
    expect(letter.text).toContain(
      'These organisations have had it or may have had it, and we are telling them it has been deleted:',
    );
    expect(letter.text).toContain('- Department for Work and Pensions (received it on 2 November 2026)');
  });

  it('for a plan not yet carried out, says what we will do and nothing we have done', () => {
    const letter = erasureLetter(plan('proposed'));
    expect(letter.erasedHeading).toBe('We will delete:');
    expect(letter.text).not.toContain('We have deleted');
    expect(letter.text).not.toMatch(/\bwe have (deleted|removed)\b/i);
    expect(section(letter.text, 'We will delete:')).toEqual([
      '- Contact log, 3 March 2026. We no longer need it for the reason we collected it, so we will delete it.',
      '- Newsletter sign-up, 1 May 2025. The law requires us to delete it, so we will.',
      `- Noise complaint, 2 June 2026. ${MENTION}`,
      '- Your details. Nothing else we hold about you needs to be kept, so we will delete your name, contact details and identifiers, and destroy the key that protects your information, so that no copy or backup can reveal it.',
    ]);
    expect(letter.recipientsHeading).toBe(
      'These organisations have had it or may have had it, and we will tell them when it is deleted:',
    );
  });

  it('has a past tense for the sentence of every reason to erase', () => {
    for (const code of ERASE_REASON_CODES) {
      const done = asDone(ERASE_REASONS[code].told);
      expect(done, code).not.toMatch(/\bwill\b/);
      expect(done, code).toMatch(/\bso we have\b/);
    }
  });
});
