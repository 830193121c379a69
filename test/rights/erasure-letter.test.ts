/**
 * The erasure letter says what happened: a plan only proposed says what we will delete, a plan
 * carried out says what we have deleted, each sentence said from its code in the vocabulary (which
 * holds both tenses), the details and a caseworker's own words shown exactly as written. Items
 * stored before the codes were kept are read back from their one text. Built from plan views made
 * by hand (the letter is a pure function of the plan).
 */
import { describe, expect, it } from 'vitest';
import {
  decideProfile,
  ERASE_REASON_CODES,
  ERASE_REASONS,
  erasureLetter,
  KEEP_REASON_CODES,
  KEEP_REASONS,
  saidFromStored,
  SENTENCES,
  tell,
  type ErasureItemView,
  type ErasurePlanView,
  type Said,
} from '../../src/rights/erasure/index.ts';
import { reasonTold } from '../../src/rights/erasure/vocabulary.ts';

const MENTION: Said[] = [
  { words: 'You are named in a record about someone else (as witness).' },
  { reason: 'unlawful' },
  { sentence: 'removed-from-record' },
];
const MENTION_PROPOSED =
  'You are named in a record about someone else (as witness). We should not have held it, so we will delete it. We will remove you from the people it names.';
const EXPIRED: Said[] = [
  { reason: 'no-longer-necessary' },
  { words: 'The time we keep contact log records for (2 years after the call) has passed.' },
];
/** A caseworker's own explanation, written as they chose: never put into another tense. */
const OWN = 'We will shred the paper copy as well, so we will delete it.';

function item(n: number, action: 'erase' | 'keep', title: string, said: Said[]): ErasureItemView {
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
    said,
    explanation: tell(said, 'will'),
    note: null,
    overridden: null,
  };
}

function plan(status: 'proposed' | 'executed', items = ITEMS): ErasurePlanView {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    personId: '00000000-0000-4000-8000-000000000002',
    requestId: '00000000-0000-4000-8000-000000000003',
    status,
    createdAt: new Date('2026-11-20T10:00:00Z'),
    executedAt: status === 'executed' ? new Date('2026-11-21T10:00:00Z') : null,
    personErased: status === 'executed',
    keyDestroyed: false,
    items,
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

const ITEMS = [
  item(1, 'erase', 'Contact log, 3 March 2026', EXPIRED),
  item(2, 'erase', 'Newsletter sign-up, 1 May 2025', [{ reason: 'legal-duty-to-erase' }]),
  item(3, 'erase', 'Noise complaint, 2 June 2026', MENTION),
  item(4, 'erase', 'Paper file, 1 June 2020', [{ words: OWN }]),
  item(5, 'keep', 'Rent account', [{ reason: 'legal-obligation', restsOn: 'Housing Act 1988' }]),
  item(6, 'erase', 'Your details', decideProfile([], false).said),
];

/** The lines of the letter from one heading up to the next blank line. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end);
}

describe('the erasure letter', () => {
  it('for a plan carried out, says what we have done, and a caseworker’s words as written', () => {
    const letter = erasureLetter(plan('executed'));
    expect(letter.erasedHeading).toBe('We have deleted:');
    expect(letter.text).not.toContain('We will delete:');
    expect(section(letter.text, 'We have deleted:')).toEqual([
      '- Contact log, 3 March 2026. We no longer need it for the reason we collected it, so we have deleted it. The time we keep contact log records for (2 years after the call) has passed.',
      '- Newsletter sign-up, 1 May 2025. The law requires us to delete it, so we have.',
      '- Noise complaint, 2 June 2026. You are named in a record about someone else (as witness). We should not have held it, so we have deleted it. We have removed you from the people it names.',
      `- Paper file, 1 June 2020. ${OWN}`,
      '- Your details. Nothing else we hold about you needs to be kept, so we have deleted your name, contact details and identifiers, and destroyed the key that protects your information, so that no copy or backup can reveal it.',
    ]);
    expect(section(letter.text, 'We are keeping:')).toEqual([
      '- Rent account. The law requires us to keep it: Housing Act 1988.',
    ]);
    expect(letter.text).toContain(
      'These organisations have had it or may have had it, and we are telling them it has been deleted:',
    );
    expect(letter.text).toContain('- Department for Work and Pensions (received it on 2 November 2026)');
  });

  it('for a plan not yet carried out, says what we will do and nothing we have done', () => {
    const letter = erasureLetter(plan('proposed'));
    expect(letter.erasedHeading).toBe('We will delete:');
    expect(letter.text).not.toMatch(/\bwe have (deleted|removed)\b/i);
    expect(section(letter.text, 'We will delete:')).toEqual([
      '- Contact log, 3 March 2026. We no longer need it for the reason we collected it, so we will delete it. The time we keep contact log records for (2 years after the call) has passed.',
      '- Newsletter sign-up, 1 May 2025. The law requires us to delete it, so we will.',
      `- Noise complaint, 2 June 2026. ${MENTION_PROPOSED}`,
      `- Paper file, 1 June 2020. ${OWN}`,
      '- Your details. Nothing else we hold about you needs to be kept, so we will delete your name, contact details and identifiers, and destroy the key that protects your information, so that no copy or backup can reveal it.',
    ]);
    expect(letter.recipientsHeading).toBe(
      'These organisations have had it or may have had it, and we will tell them when it is deleted:',
    );
  });
});

describe('the vocabulary’s two tenses', () => {
  it('has every reason to erase, and every sentence beside one, in what we will do and what we did', () => {
    const erasing = [...ERASE_REASON_CODES.map((c) => ERASE_REASONS[c].told), ...Object.values(SENTENCES)];
    for (const told of erasing) {
      expect(told.will).toMatch(/\bwill\b/);
      expect(told.did).not.toMatch(/\bwill\b/);
      expect(told.did).toMatch(/\bwe have\b/i);
    }
  });

  it('has every reason to keep read the same before and after', () => {
    for (const code of KEEP_REASON_CODES)
      expect(KEEP_REASONS[code].told.did).toBe(KEEP_REASONS[code].told.will);
  });
});

describe('items stored before the codes were kept (one text, in the future tense)', () => {
  it('reads a text that is exactly a vocabulary sentence back to its code, whoever chose it', () => {
    for (const code of [...ERASE_REASON_CODES, ...KEEP_REASON_CODES])
      expect(saidFromStored(reasonTold(code).will, false)).toEqual([{ reason: code }]);
    expect(saidFromStored(SENTENCES['details-and-key-erased'].will, true)).toEqual([
      { sentence: 'details-and-key-erased' },
    ]);
  });

  it('reads the proposal’s own text back to its sentences, keeping the details as written', () => {
    for (const said of [EXPIRED, MENTION, decideProfile([], true).said])
      expect(saidFromStored(tell(said, 'will'), true)).toEqual(said);
    const letter = erasureLetter(
      plan('executed', [item(1, 'erase', 'Noise complaint', saidFromStored(MENTION_PROPOSED, true))]),
    );
    expect(letter.erased[0]!.explanation).toBe(
      'You are named in a record about someone else (as witness). We should not have held it, so we have deleted it. We have removed you from the people it names.',
    );
  });

  it('shows a caseworker’s own text as stored, even when a vocabulary sentence is inside it', () => {
    const theirs = `${OWN} ${ERASE_REASONS.unlawful.told.will}`;
    expect(saidFromStored(theirs, false)).toEqual([{ words: theirs }]);
    // Only whole sentences are read back, never a phrase inside other words.
    expect(saidFromStored(`Earlier,${ERASE_REASONS.unlawful.told.will}`, true)).toEqual([
      { words: `Earlier,${ERASE_REASONS.unlawful.told.will}` },
    ]);
  });
});
