/** findRedactions / applyRedactions: third parties redacted with the Sch. 2 para. 16 reason; the requester never. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  THIRD_PARTY_REASON,
  applyRedactions,
  findRedactions,
  mergeRedactions,
  type KnownPerson,
} from '../../src/rights/redaction/index.ts';

const requester: KnownPerson = {
  personId: 'req',
  names: ['Grace Okafor'],
  identifiers: ['AB 12 34 56 C', '07700 900123', 'grace@example.org', 'LS6 2QT', '943 476 5919'],
};
const knownPeople: KnownPerson[] = [
  { personId: 'nbr', names: ['Derek Hollis'], identifiers: ['07700 900456'] },
  { personId: 'stf', names: ['Sarah Jenkins'], identifiers: [] },
];
const ctx = { requester, knownPeople };

describe('findRedactions', () => {
  const text =
    'Mrs Okafor (NI AB123456C, tel +44 7700 900123, NHS 9434765919, LS6 2QT) says Mr Hollis (07700 900456) ' +
    'at 14 Acacia Road, LS6 2QU, played music. Witness John Smith, j.smith@example.invalid, agreed. ' +
    'Housing Officer Sarah Jenkins visited in March. Grace will call Leeds City Council.';
  const rs = findRedactions(text, ctx);
  const spans = rs.map((r) => [r.kind, r.personId ?? null, text.slice(r.start, r.end)]);

  it('redacts known people, unknown names and third-party identifiers', () => {
    expect(spans).toEqual([
      ['known-person', 'nbr', 'Mr Hollis'],
      ['known-person', 'nbr', '07700 900456'],
      ['postcode', null, 'LS6 2QU'],
      ['unknown-name', null, 'John Smith'],
      ['email', null, 'j.smith@example.invalid'],
      ['known-person', 'stf', 'Sarah Jenkins'],
    ]);
  });
  it('records the legal reason on every redaction', () => {
    expect(rs.every((r) => r.reason === THIRD_PARTY_REASON)).toBe(true);
    expect(THIRD_PARTY_REASON).toBe('Information about another person (DPA 2018 Sch. 2 para. 16)');
  });
  it("never redacts the requester's names or identifiers, in any written form", () => {
    for (const own of ['Mrs Okafor', 'AB123456C', '+44 7700 900123', '9434765919', 'LS6 2QT', 'Grace']) {
      const at = text.indexOf(own);
      expect(rs.some((r) => r.start < at + own.length && at < r.end)).toBe(false);
    }
  });
  it('keeps the rest of an NLP name when the requester is cut out of it', () => {
    const t = 'Grace Okafor and Kaycee Runte attended.';
    expect(findRedactions(t, ctx).map((r) => t.slice(r.start, r.end))).toEqual(['Kaycee Runte']);
  });
  it('the requester is excluded even if also listed among known people', () => {
    const t = 'Grace Okafor rang.';
    expect(findRedactions(t, { requester, knownPeople: [...knownPeople, requester] })).toEqual([]);
  });
});

describe('mergeRedactions', () => {
  it('merges overlaps, keeping the known person over an identifier kind over an unknown name', () => {
    const merged = mergeRedactions([
      { start: 0, end: 5, kind: 'unknown-name', reason: 'r' },
      { start: 3, end: 9, kind: 'phone', reason: 'r' },
      { start: 8, end: 12, kind: 'known-person', personId: 'p', reason: 'r' },
      { start: 20, end: 25, kind: 'email', reason: 'r' },
    ]);
    expect(merged).toEqual([
      { start: 0, end: 12, kind: 'known-person', personId: 'p', reason: 'r' },
      { start: 20, end: 25, kind: 'email', reason: 'r' },
    ]);
  });
});

describe('applyRedactions', () => {
  it('replaces each span with a labelled placeholder', () => {
    const text = 'Mr Hollis (NI CE 12 34 56 A, 07700 900999) and Grace Okafor.';
    const out = applyRedactions(text, findRedactions(text, ctx));
    expect(out).toBe(
      '[redacted: third party] (NI [redacted: NI number], [redacted: phone number]) and Grace Okafor.',
    );
  });
  it('leaves text without redactions unchanged', () => {
    expect(applyRedactions('Nothing here.', [])).toBe('Nothing here.');
  });
});

describe('properties', () => {
  const pieces = fc.constantFrom(
    'Grace Okafor',
    'Mrs Okafor',
    'Derek',
    'Mr Hollis',
    'John Smith',
    'Acacia Road',
    ' ',
    ', ',
    '. ',
    '\n',
    '07700 900123',
    '+44 (0)7700 900456',
    'AB 12 34 56 C',
    'CE123456A',
    '943 476 5919',
    'LS6 2QT',
    'M1 1AA',
    'sort code 12-34-56',
    '12345678',
    'a@example.org',
    'MORGA753116SM9IJ',
    '(',
    ')',
    '-',
    'March',
    'Council',
  );
  const texts = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(pieces, { maxLength: 30 }).map((a) => a.join(' ')),
  );

  it('returns sorted, non-overlapping, in-bounds spans and never touches the requester', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const rs = findRedactions(text, ctx);
        let last = 0;
        for (const r of rs) {
          expect(r.start).toBeGreaterThanOrEqual(last);
          expect(r.end).toBeGreaterThan(r.start);
          expect(r.end).toBeLessThanOrEqual(text.length);
          last = r.end;
          expect(/grace|okafor/i.test(text.slice(r.start, r.end))).toBe(false);
        }
        expect(typeof applyRedactions(text, rs)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('stays fast on long pathological input', () => {
    const started = Date.now();
    for (const s of ['a@' + 'b'.repeat(20000), '0'.repeat(20000), '07 '.repeat(7000), 'Ab '.repeat(7000)]) {
      findRedactions(s, ctx);
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
