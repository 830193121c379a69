/** Name detection: unknown names through compromise and its filters; known people from the store. */
import { describe, expect, it } from 'vitest';
import { findKnownPeople, findUnknownNames, type KnownPerson } from '../../src/rights/redaction/index.ts';

const names = (text: string) => findUnknownNames(text).map((n) => n.text);

describe('unknown names', () => {
  it('finds full names and titled surnames, with offsets', () => {
    const text = "Witness John Smith confirmed. Mrs Okafor's dog barked.";
    const found = findUnknownNames(text);
    expect(found.map((f) => f.text)).toEqual(['John Smith', 'Mrs Okafor']);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
  });
  it('drops job titles folded into the name', () => {
    expect(names('Housing Officer Sarah Jenkins visited.')).toEqual(['Sarah Jenkins']);
  });
  it('finds names outside the NLP lexicon', () => {
    expect(names('Her carer Karley Sauer was present.')).toEqual(['Karley Sauer']);
  });
  it.each([
    'Noise from 12 Acacia Road again.',
    'He lives on Victoria Street near Nelson Close.',
    'Referred to Leeds City Council and the Housing Ombudsman.',
    'Visit booked for March; review in May.',
    'Parcel left with Royal Mail and Tesco Express.',
    'Universal Credit and Housing Benefit were checked.',
    'Closed over Christmas Eve.',
  ])('finds no person in "%s"', (text) => {
    expect(names(text)).toEqual([]);
  });
});

describe('known people', () => {
  const grace: KnownPerson = {
    personId: 'p1',
    names: ['Grace Okafor'],
    identifiers: ['AB 12 34 56 C', 'grace@example.org'],
  };
  const derek: KnownPerson = { personId: 'p2', names: ['Derek Hollis'], identifiers: ['07700 900456'] };
  const found = (text: string, people: KnownPerson[] = [grace, derek]) =>
    findKnownPeople(text, people).map((f) => [f.personId, f.text]);

  it('matches full names case-insensitively on word boundaries', () => {
    expect(found('GRACE OKAFOR rang; grace okafor again')).toEqual([
      ['p1', 'GRACE OKAFOR'],
      ['p1', 'grace okafor'],
    ]);
    expect(found('Okaforson and Gracefield')).toEqual([]);
  });
  it('matches title + surname and possessives', () => {
    expect(found("Mrs Okafor's visitors and mr hollis")).toEqual([
      ['p1', 'Mrs Okafor'],
      ['p2', 'mr hollis'],
    ]);
  });
  it('matches a capitalised given name alone only when unambiguous', () => {
    expect(found('Grace said Derek was loud; a grace period applies')).toEqual([
      ['p1', 'Grace'],
      ['p2', 'Derek'],
    ]);
    const otherGrace: KnownPerson = { personId: 'p3', names: ['Grace Bell'], identifiers: [] };
    expect(found('Grace said so', [grace, otherGrace])).toEqual([]);
  });
  it('does not use a month as a given name alone', () => {
    const june: KnownPerson = { personId: 'p4', names: ['June Spinka'], identifiers: [] };
    expect(found('Visit in June. June Spinka attended.', [june])).toEqual([['p4', 'June Spinka']]);
  });
  it('matches identifiers whatever the spacing', () => {
    expect(found('NI AB123456C, phone 07700900456, email GRACE@example.org')).toEqual([
      ['p1', 'AB123456C'],
      ['p2', '07700900456'],
      ['p1', 'GRACE@example.org'],
    ]);
  });
});
