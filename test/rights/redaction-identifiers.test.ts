/** The UK identifier detectors against uk-rules.md §9: valid and invalid examples for each check. */
import { describe, expect, it } from 'vitest';
import {
  findIdentifiers,
  isPlausibleDrivingLicence,
  isValidNhsNumber,
  isValidNino,
  isValidPostcode,
  isValidUkPhone,
} from '../../src/rights/redaction/index.ts';

const kinds = (text: string) => findIdentifiers(text).map((f) => [f.kind, f.text]);

describe('NI number (§9.1)', () => {
  it.each(['AB 12 34 56 C', 'AB123456C', 'CE 12 34 56 A', 'ZY 98 76 54 D', 'ab 12 34 56 c'])(
    'accepts %s',
    (s) => {
      expect(isValidNino(s)).toBe(true);
    },
  );
  it.each([
    ['QQ 12 34 56 A', 'Q is barred (the HMRC example prefix)'],
    ['DA 12 34 56 A', 'D is barred in the first letter'],
    ['AV 12 34 56 A', 'V is barred'],
    ['AO 12 34 56 A', 'O is barred as the second letter'],
    ['GB 12 34 56 A', 'GB is not used'],
    ['NK 12 34 56 A', 'NK is not used'],
    ['TN 12 34 56 A', 'TN is not used'],
    ['AB 12 34 56 E', 'suffix must be A–D'],
    ['AB 12 34 5 C', 'six digits'],
    ['11 A1 11 11', 'a TRN is not a NINO'],
  ])('rejects %s (%s)', (s) => {
    expect(isValidNino(s)).toBe(false);
  });
  it('finds NINOs in text with and without spaces', () => {
    expect(kinds('NI CE 12 34 56 A and AB123456C; not QQ123456A')).toEqual([
      ['ni-number', 'CE 12 34 56 A'],
      ['ni-number', 'AB123456C'],
    ]);
  });
});

describe('NHS number (§9.2, modulus 11)', () => {
  it('accepts the worked example 943 476 5919', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
  });
  it('rejects a wrong check digit: 943 476 5918', () => {
    expect(isValidNhsNumber('943 476 5918')).toBe(false);
  });
  it('rejects numbers whose check digit would be 10, whatever the last digit', () => {
    // 0×10 + … + 6×2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → invalid.
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`000000006${d}`)).toBe(false);
  });
  it('uses 0 when 11 − remainder is 11', () => {
    // Sum 0 → remainder 0 → 11 − 0 = 11 → check digit 0.
    expect(isValidNhsNumber('0000000000')).toBe(true);
    // 2×10 = 20 → remainder 9 → check digit 2.
    expect(isValidNhsNumber('2000000002')).toBe(true);
    expect(isValidNhsNumber('2000000003')).toBe(false);
  });
  it('rejects the wrong length', () => {
    expect(isValidNhsNumber('943 476 591')).toBe(false);
    expect(isValidNhsNumber('943 476 59190')).toBe(false);
  });
  it('finds valid NHS numbers in text and ignores invalid ones', () => {
    expect(kinds('NHS 943 476 5919, old card 943 476 5918')).toEqual([['nhs-number', '943 476 5919']]);
  });
});

describe('postcode (§9.3)', () => {
  it.each([
    'M1 1AA',
    'M60 1NW',
    'CR2 6XH',
    'DN55 1PT',
    'W1A 1HQ',
    'EC1A 1BB',
    'GIR 0AA',
    'ec1a 1bb',
    'SW1A1AA',
  ])('accepts %s', (s) => expect(isValidPostcode(s)).toBe(true));
  it.each([
    ['QA1 1AA', 'Q never first'],
    ['VA1 1AA', 'V never first'],
    ['XA1 1AA', 'X never first'],
    ['AI1 1AA', 'I never second'],
    ['AZ1 1AA', 'Z never second'],
    ['W1I 1AA', 'I not allowed third (ANA)'],
    ['M1 1CA', 'C never in the unit'],
    ['M1 1AV', 'V never in the unit'],
    ['M1 1AK', 'K never in the unit'],
    ['M1 AAA', 'inward code starts with a digit'],
    ['M1A1 1AA', 'no such outward format'],
  ])('rejects %s (%s)', (s) => expect(isValidPostcode(s)).toBe(false));
  it('finds postcodes in text', () => {
    expect(kinds('Lives at 4 Acacia Road, Leeds LS6 2QT (was M1 1CA).')).toEqual([['postcode', 'LS6 2QT']]);
  });
});

describe('UK telephone numbers (§9.4)', () => {
  it.each([
    '07700 900123',
    '07700900123',
    '+44 7700 900123',
    '+44 (0)7700 900123',
    '(01632) 960123',
    '020 7946 0958',
    '+44 20 7946 0958',
    '0113 496 0000',
    '0808 157 0000',
    '03069 990000',
  ])('accepts %s', (s) => expect(isValidUkPhone(s)).toBe(true));
  it.each([
    '0400 123 4567',
    '0600 123 4567',
    '07700 90012',
    '07700 9001234',
    '+33 1 23 45 67 89',
    '7700 900123',
  ])('rejects %s', (s) => expect(isValidUkPhone(s)).toBe(false));
  it('finds phone numbers with offsets, stopping at the number', () => {
    const text = 'Rang 07700 900123 2024 and +44 (0)1632 960001.';
    const found = findIdentifiers(text);
    expect(found).toEqual([
      { kind: 'phone', start: 5, end: 17, text: '07700 900123' },
      { kind: 'phone', start: 27, end: 45, text: '+44 (0)1632 960001' },
    ]);
    expect(text.slice(5, 17)).toBe('07700 900123');
  });
  it('does not read dates, amounts or references as phones', () => {
    expect(kinds('On 01/02/2025 paid £1,234.56, ref 012345, UPRN 100023336956.')).toEqual([]);
  });
});

describe('email', () => {
  it('finds addresses', () => {
    expect(kinds('From j.smith+asb@example.invalid to team@mail.example.org.')).toEqual([
      ['email', 'j.smith+asb@example.invalid'],
      ['email', 'team@mail.example.org'],
    ]);
  });
});

describe('bank details (§9.5)', () => {
  it('finds a sort code and account number pair', () => {
    expect(kinds('DD from sort code 12-34-56 account number 12345678.')).toEqual([
      ['sort-code', '12-34-56'],
      ['bank-account-number', '12345678'],
    ]);
    expect(kinds('Paid from 12-34-56 87654321')).toEqual([
      ['sort-code', '12-34-56'],
      ['bank-account-number', '87654321'],
    ]);
  });
  it('finds a sort code on its own only in sort-code context', () => {
    expect(kinds('Her sort code: 40-11-62.')).toEqual([['sort-code', '40-11-62']]);
    expect(kinds('Visit on 12-03-24 confirmed.')).toEqual([]);
  });
  it('does not treat a rent account number as a bank account', () => {
    expect(kinds('Rent account 12345678 is in arrears.')).toEqual([]);
  });
});

describe('driving licence (§9.6)', () => {
  it('accepts the DVLA-style example MORGA753116SM9IJ', () => {
    expect(isPlausibleDrivingLicence('MORGA753116SM9IJ')).toBe(true);
    expect(isPlausibleDrivingLicence('SMITH901023J99AB')).toBe(true);
    expect(kinds('Licence MORGA753116SM9IJ 35 seen.')).toEqual([['driving-licence', 'MORGA753116SM9IJ']]);
  });
  it.each([
    ['MORGA713116SM9IJ', 'month 13'],
    ['MORGA763116SM9IJ', 'month 63'],
    ['MORGA700116SM9IJ', 'month 00'],
    ['MORGA753326SM9IJ', 'day 32'],
    ['99999753116SM9IJ', 'no surname letters'],
    ['MO9GA753116SM9IJ', 'letter after a 9 in the surname'],
    ['MORGA753116SM9I', 'too short'],
  ])('rejects %s (%s)', (s) => expect(isPlausibleDrivingLicence(s)).toBe(false));
});
