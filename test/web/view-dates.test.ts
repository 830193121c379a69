/**
 * The pages' date filters say dates in the shared words (manifest/words.ts): a day is a day, an
 * instant is shown in UK time (BST in summer), and anything else is shown as it is.
 */
import { describe, expect, it } from 'vitest';
import { dayWords, momentWords } from '../../src/manifest/words.ts';
import { createViews } from '../../src/web/views.ts';

const env = createViews();
const render = (filter: string, value: unknown) => env.renderString(`{{ v | ${filter} }}`, { v: value });

describe('the ukDate and ukDateTime filters', () => {
  it('say a YYYY-MM-DD day as that day, never as UTC midnight', () => {
    expect(render('ukDate', '2026-03-29')).toBe('29 March 2026');
    expect(render('ukDateTime', '2026-03-29')).toBe('29 March 2026');
  });

  it('give an instant its day and time in the UK, in summer and in winter', () => {
    const lateSummerNight = new Date('2026-07-01T23:30:00Z');
    expect(render('ukDate', lateSummerNight)).toBe('2 July 2026');
    expect(render('ukDateTime', lateSummerNight)).toBe('2 July 2026, 12:30am');
    expect(render('ukDateTime', new Date('2026-11-24T16:56:00Z'))).toBe('24 November 2026, 4:56pm');
    expect(render('ukDateTime', '2026-07-01T15:04:00Z')).toBe('1 July 2026, 4:04pm');
  });

  it('are the shared words, so the CLI, the notice and the pages agree', () => {
    const at = new Date('2026-05-05T08:15:00Z');
    expect(render('ukDate', at)).toBe(dayWords(at));
    expect(render('ukDateTime', at)).toBe(momentWords(at));
  });

  it('show anything that is not a date as it is, and nothing for no value', () => {
    expect(render('ukDate', 'not a date')).toBe('not a date');
    expect(render('ukDateTime', undefined)).toBe('');
  });
});
