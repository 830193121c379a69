import { describe, expect, it } from 'vitest';
import { addressLines, ageOn, toCsv, ukDay } from '../../src/returns/csv.ts';
import { monthsOf } from '../../src/returns/index.ts';

describe('the returns’ file formats', () => {
  it('quotes CSV cells and defuses spreadsheet formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x, y', 'say "hi"'],
          ['=HYPERLINK("x")', -12.5],
          [null, '+44 7700'],
        ],
      ),
    ).toBe('a,b\r\n"x, y","say ""hi"""\r\n"\'=HYPERLINK(""x"")",-12.5\r\n,\'+44 7700\r\n');
  });

  it('writes UK dates, splits addresses and counts whole years of age', () => {
    expect(ukDay('2026-02-03')).toBe('03/02/2026');
    expect(addressLines('Flat 2, 3 Beech Court, Old Town, Brookvale, Shire')).toEqual([
      'Flat 2',
      '3 Beech Court',
      'Old Town',
      'Brookvale, Shire',
    ]);
    expect(addressLines('1 Acacia Road')).toEqual(['1 Acacia Road', '', '', '']);
    expect([
      ageOn('1990-02-10', '2026-02-09'),
      ageOn('1990-02-10', '2026-02-10'),
      ageOn(undefined, '2026-01-01'),
    ]).toEqual([35, 36, null]);
  });

  it('cuts a period into calendar months, clipped at each end', () => {
    expect(monthsOf({ from: '2026-11-15', to: '2027-02-10' })).toEqual([
      { month: '2026-11', from: '2026-11-15', to: '2026-11-30' },
      { month: '2026-12', from: '2026-12-01', to: '2026-12-31' },
      { month: '2027-01', from: '2027-01-01', to: '2027-01-31' },
      { month: '2027-02', from: '2027-02-01', to: '2027-02-10' },
    ]);
    expect(monthsOf({ from: '2028-02-01', to: '2028-02-29' })).toHaveLength(1);
  });
});
