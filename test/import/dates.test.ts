/** Dates are read only by the format the mapping states: a UK date is never read as a US one. */
import { describe, expect, it } from 'vitest';
import { compileDateFormat, readDate, readDateTime, type DateFormat } from '../../src/import/dates.ts';

const format = (text: string) => compileDateFormat(text) as DateFormat;

describe('date formats', () => {
  it('reads DD/MM/YYYY as day, month, year', () => {
    const uk = format('DD/MM/YYYY');
    expect(readDate(uk, '03/04/2024')).toEqual({ value: '2024-04-03' });
    expect(readDate(uk, '13/01/2024')).toEqual({ value: '2024-01-13' });
    // A US reading of 01/13/2024 would be 13 January; here there is no 13th month.
    expect(readDate(uk, '01/13/2024')).toEqual({ problem: 'is not a real date (read as DD/MM/YYYY)' });
    expect(readDate(uk, '29/02/2023')).toEqual({ problem: 'is not a real date (read as DD/MM/YYYY)' });
    expect(readDate(uk, '29/02/2024')).toEqual({ value: '2024-02-29' });
    expect(readDate(uk, '2024-04-03')).toEqual({ problem: 'must be a date written DD/MM/YYYY' });
    expect(readDate(uk, '3/4/2024')).toEqual({ problem: 'must be a date written DD/MM/YYYY' });
    expect(readDate(format('D/M/YYYY'), '3/4/2024')).toEqual({ value: '2024-04-03' });
  });

  it('keeps UK local time with its offset, in summer and winter', () => {
    const f = format('DD/MM/YYYY HH:mm');
    expect(readDateTime(f, '01/07/2026 10:00')).toEqual({ value: '2026-07-01T10:00:00+01:00' });
    expect(readDateTime(f, '01/12/2026 10:00')).toEqual({ value: '2026-12-01T10:00:00+00:00' });
    expect(readDateTime(format('DD/MM/YYYY'), '29/03/2026')).toEqual({ value: '2026-03-29T00:00:00+00:00' });
    expect(readDateTime(f, '01/07/2026 24:00')).toEqual({
      problem: 'is not a real time (read as DD/MM/YYYY HH:mm)',
    });
  });

  it('passes ISO dates through when the mapping says iso', () => {
    const iso = format('iso');
    expect(readDate(iso, '2024-04-03')).toEqual({ value: '2024-04-03' });
    expect(readDate(iso, '2024-02-30')).toHaveProperty('problem');
    expect(readDateTime(iso, '2026-01-05T10:00:00Z')).toEqual({ value: '2026-01-05T10:00:00Z' });
    expect(readDateTime(iso, '2026-07-05')).toEqual({ value: '2026-07-05T00:00:00+01:00' });
    expect(readDateTime(iso, '05/07/2026')).toHaveProperty('problem');
  });

  it('refuses formats that would have to guess', () => {
    expect(compileDateFormat('DD/MM/YY')).toBe('a two-digit year (YY) is ambiguous; use YYYY');
    expect(compileDateFormat('MM/YYYY')).toMatch(/must contain YYYY, MM \(or M\) and DD/);
    expect(compileDateFormat('DD/MM/YYYY DD')).toBe('names the day twice');
  });
});
