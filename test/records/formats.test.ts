/**
 * The formats of people's identifiers and contact details, and the cleaning of free text: the
 * rules themselves (formats.ts), then the records module applying them wherever a person's
 * details are written (createPerson, writeBatch, rectify) and to every record's free text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBatch } from '../../src/records/batch.ts';
import { InputError } from '../../src/records/errors.ts';
import { findPeople } from '../../src/records/find-people.ts';
import { cleanText, email, niNumber, postcode, ukPhone, uprn } from '../../src/records/formats.ts';
import { createPerson, readPerson } from '../../src/records/people.ts';
import { rectify } from '../../src/records/rectification.ts';
import { createRecord, readPersonFile } from '../../src/records/records.ts';
import type { Store } from '../../src/records/store.ts';
import { checkText } from '../../src/rights/requests/input.ts';
import { ENGINE, openTestDb, type TestDb } from '../support/db.ts';
import { testStore } from '../support/store.ts';
import { controllerId, manifest, system } from '../rights/requests-helpers.ts';

const value = (r: { value: string } | { problem: string }) => ('value' in r ? r.value : undefined);

describe('identifier formats', () => {
  it('takes National Insurance numbers in the HMRC format, with spaces, and stores them compact', () => {
    expect(value(niNumber('ab 12 34 56 c'))).toBe('AB123456C');
    expect(value(niNumber('JG103759A'))).toBe('JG103759A');
    // HMRC's own example prefix, never issued: what the demo and the examples use.
    expect(value(niNumber('QQ 12 34 56 C'))).toBe('QQ123456C');
    for (const bad of [
      'NOTNI',
      'AB123456', // no suffix
      'AB123456E', // suffix beyond D
      'AB12345C', // five digits
      'DA123456A', // D is never a first letter
      'AO123456A', // O is never a second letter
      'QA123456A', // Q only as QQ
      'GB123456A', // not allocated
      'NK123456A',
      'TN123456A',
      'ZZ123456A',
    ])
      expect(niNumber(bad), bad).toEqual({ problem: expect.stringMatching(/National Insurance/) });
  });

  it('takes UK postcodes in any case and spacing, and BFPO numbers', () => {
    expect(value(postcode('bv12aa'))).toBe('BV1 2AA');
    expect(value(postcode(' sw1a  1aa '))).toBe('SW1A 1AA');
    expect(value(postcode('M1 1AE'))).toBe('M1 1AE');
    expect(value(postcode('B33 8TH'))).toBe('B33 8TH');
    expect(value(postcode('CR2 6XH'))).toBe('CR2 6XH');
    expect(value(postcode('DN55 1PT'))).toBe('DN55 1PT');
    expect(value(postcode('W1A 0AX'))).toBe('W1A 0AX');
    expect(value(postcode('gir 0aa'))).toBe('GIR 0AA');
    expect(value(postcode('bfpo 801'))).toBe('BFPO 801');
    for (const bad of ['ZZZ', 'BV1', '12 3AB', 'BV1 2A', 'AI1 1AA', 'BV1 AAA', 'BFPO', 'BFPO 12345'])
      expect(postcode(bad), bad).toEqual({ problem: expect.stringMatching(/postcode/) });
  });

  it('takes email addresses zod accepts, and UK phone numbers of 10 or 11 digits', () => {
    expect(value(email(' ada.example@example.invalid '))).toBe('ada.example@example.invalid');
    expect(email('bad-email')).toEqual({ problem: 'is not an email address' });
    expect(email('a@b')).toHaveProperty('problem');
    expect(value(ukPhone('07700 900123'))).toBe('07700 900123');
    expect(value(ukPhone('+44 7700 900123'))).toBe('+44 7700 900123');
    expect(value(ukPhone('+44 (0)20 7946 0000'))).toBe('+44 (0)20 7946 0000');
    expect(value(ukPhone('0800 123456'))).toBe('0800 123456');
    for (const bad of ['123', '7700 900123', '077009001234', '+1 202 555 0100', '07700 90012x'])
      expect(ukPhone(bad), bad).toEqual({ problem: expect.stringMatching(/UK phone/) });
  });

  it('takes UPRNs of up to 12 digits', () => {
    expect(value(uprn('990000000001'))).toBe('990000000001');
    expect(value(uprn('1'))).toBe('1');
    for (const bad of ['abc', '1234567890123', '12 34', '-1'])
      expect(uprn(bad), bad).toEqual({ problem: 'is not a UPRN (up to 12 digits)' });
  });
});

// Right-to-left override (U+202E) and isolates: the text would display reversed on a staff page.
const BIDI = 'Please \u202Etxet desrever\u202C call \u2066me\u2069 back';
const CLEAN = 'Please txet desrever call me back';

describe('free text', () => {
  it('has bidirectional controls stripped, in the one shared checker and in payloads', () => {
    expect(cleanText(BIDI)).toBe(CLEAN);
    expect(checkText(BIDI, 'wording', true)).toBe(CLEAN);
    // Direction marks cannot reverse text and stay; text of nothing but controls is absent.
    expect(checkText('a\u200Fb', 'note', false)).toBe('a\u200Fb');
    expect(checkText('\u202E\u202C', 'note', false)).toBeUndefined();
    expect(() => checkText('\u202E', 'reason', true)).toThrow(new InputError('reason', 'is required'));
  });
});

describe(`people's details through the records module (${ENGINE})`, () => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = await openTestDb();
    store = testStore(t.db, manifest);
  });
  afterAll(async () => t?.close());

  const person = (profile: Record<string, unknown>) =>
    createPerson(store, system, {
      controllerId,
      subjectTypes: ['tenant'],
      profile: { givenName: 'Zebediah', familyName: 'Quillfeather', ...profile },
    });

  it('refuses a bad identifier naming the field, and stores good ones normalised', async () => {
    const cases: [string, string, string][] = [
      [
        'niNumber',
        'NOTNI',
        'is not a National Insurance number (two letters, six digits, then A, B, C or D)',
      ],
      ['phone', '123', 'is not a UK phone number (10 or 11 digits starting 0, or +44)'],
      ['email', 'bad-email', 'is not an email address'],
      ['postcode', 'ZZZ', 'is not a UK postcode (like BV1 2AA) or a BFPO number'],
    ];
    for (const [field, bad, reason] of cases)
      await expect(person({ [field]: bad })).rejects.toThrow(new InputError(`payload.${field}`, reason));
    const [row] = await t.db.query<{ n: number }>('select count(*)::int as n from people');
    expect(row?.n).toBe(0);

    const id = await person({ niNumber: 'qq 12 34 56 c', postcode: 'bv1 2zz', phone: '+44 7700 900123' });
    const read = await readPerson(store, system, id);
    expect(read.profile).toMatchObject({
      niNumber: 'QQ123456C',
      postcode: 'BV1 2ZZ',
      phone: '+44 7700 900123',
    });
    expect(await findPeople(store, system, controllerId, 'ni-number', 'QQ123456C')).toEqual([id]);
  });

  it('checks and normalises a batch of people, and cleans every free-text field', async () => {
    const bad = await writeBatch(store, system, {
      controllerId,
      people: [{ subjectTypes: ['tenant'], profile: { givenName: 'A', familyName: 'B', niNumber: 'NOTNI' } }],
    }).catch((e: unknown) => e);
    expect(bad).toMatchObject({
      problems: [
        {
          path: 'people[0].payload.niNumber',
          reason: 'is not a National Insurance number (two letters, six digits, then A, B, C or D)',
        },
      ],
    });
    const { people } = await writeBatch(store, system, {
      controllerId,
      people: [
        {
          subjectTypes: ['tenant'],
          profile: { givenName: 'A\u202E', familyName: 'B', niNumber: 'qq000003 d' },
        },
      ],
    });
    expect((await readPerson(store, system, people[0]!)).profile).toMatchObject({
      givenName: 'A',
      niNumber: 'QQ000003D',
    });
    const record = await createRecord(store, system, {
      controllerId,
      personId: people[0]!,
      recordType: 'contact-log',
      payload: { channel: 'phone', summary: BIDI, occurredAt: '2026-11-20T09:00:00Z' },
    });
    const file = await readPersonFile(store, system, people[0]!);
    expect(file.records.find((r) => r.id === record)?.fields.summary).toBe(CLEAN);
  });

  it('rectifies to a normalised identifier, and refuses a bad one as the value', async () => {
    const id = await person({ niNumber: 'QQ123457A' });
    const correction = { personId: id, field: 'niNumber', reason: 'Typed wrongly' };
    await expect(rectify(store, system, { ...correction, value: 'AB 12 34' })).rejects.toThrow(
      new InputError(
        'value',
        'is not a National Insurance number (two letters, six digits, then A, B, C or D)',
      ),
    );
    await expect(rectify(store, system, { ...correction, value: 'qq 12 34 57 a' })).rejects.toThrow(
      new InputError('value', 'is the value already held'),
    );
    await rectify(store, system, { ...correction, value: 'ab 12 34 56 c' });
    expect((await readPerson(store, system, id)).profile.niNumber).toBe('AB123456C');
  });
});
