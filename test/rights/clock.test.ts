/**
 * The statutory clock against the law's own examples (uk-rules.md §1.1, from the ICO's guidance)
 * and hand-checked cases for each jurisdiction's bank holidays, clarification and extensions.
 * Property-based tests are in clock-properties.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  ClockError,
  addCalendarMonths,
  dueDate,
  type ClockInput,
  type Jurisdiction,
} from '../../src/rights/clock/index.ts';

const ENG: Jurisdiction = 'england-and-wales';
const due = (input: ClockInput) => dueDate(input).due;
const inEach = (received: string) => ({
  englandAndWales: due({ received, jurisdiction: 'england-and-wales' }),
  scotland: due({ received, jurisdiction: 'scotland' }),
  northernIreland: due({ received, jurisdiction: 'northern-ireland' }),
});

function clockError(run: () => unknown): ClockError {
  try {
    run();
  } catch (error) {
    if (error instanceof ClockError) return error;
    throw error;
  }
  throw new Error('expected a ClockError');
}

describe("the ICO's worked examples", () => {
  it('received 1 January (a bank holiday): the day of receipt is day one, due 1 February', () => {
    // Whatever the year, the month runs from 1 January itself, though it is not a working day.
    for (let year = 2019; year <= 2035; year++) {
      const r = dueDate({ received: `${year}-01-01`, jurisdiction: ENG });
      expect(r.start).toBe(`${year}-01-01`);
      expect(r.baseDue).toBe(`${year}-02-01`);
    }
    // 1 February 2024 was a Thursday, so nothing moves it.
    expect(due({ received: '2024-01-01', jurisdiction: ENG })).toBe('2024-02-01');
  });

  it('received 3 September: due 3 October', () => {
    expect(dueDate({ received: '2025-09-03', jurisdiction: ENG }).baseDue).toBe('2025-10-03');
    expect(due({ received: '2024-09-03', jurisdiction: ENG })).toBe('2024-10-03');
  });

  it('received 31 January: due 28 February, or 29 February in a leap year', () => {
    expect(due({ received: '2025-01-31', jurisdiction: ENG })).toBe('2025-02-28');
    expect(due({ received: '2024-01-31', jurisdiction: ENG })).toBe('2024-02-29');
  });

  it('received 30 January: also due 28 or 29 February', () => {
    expect(due({ received: '2025-01-30', jurisdiction: ENG })).toBe('2025-02-28');
    expect(due({ received: '2024-01-30', jurisdiction: ENG })).toBe('2024-02-29');
  });

  it('received Monday 25 November: due Friday 27 December, as 25 and 26 December are bank holidays', () => {
    const r = dueDate({ received: '2024-11-25', jurisdiction: ENG });
    expect(r).toMatchObject({ start: '2024-11-25', baseDue: '2024-12-25', due: '2024-12-27', pausedDays: 0 });
    expect(r.steps.map((s) => s.rule)).toEqual(['start', 'period', 'working-day', 'due']);
    expect(r.steps[2]?.text).toContain('Christmas Day, a bank holiday in England and Wales');
    expect(r.steps[2]?.text).toContain('Boxing Day');
    expect(r.steps.at(-1)?.text).toBe('The response is due by the end of Friday 27 December 2024.');
  });

  it('clamps to the last day of a shorter month in any month, not only February', () => {
    expect(addCalendarMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(addCalendarMonths('2025-08-31', 1)).toBe('2025-09-30');
    expect(addCalendarMonths('2025-12-31', 2)).toBe('2026-02-28');
    const r = dueDate({ received: '2025-03-31', jurisdiction: ENG });
    expect(r.steps.map((s) => s.rule)).toContain('month-end');
  });
});

describe('weekends and each jurisdiction’s bank holidays', () => {
  it('a due date on a Saturday moves to the Monday', () => {
    // 3 August 2024 was a Saturday; Monday 5 August is a working day in England and Wales.
    const r = dueDate({ received: '2024-07-03', jurisdiction: ENG });
    expect(r.baseDue).toBe('2024-08-03');
    expect(r.due).toBe('2024-08-05');
    expect(r.steps.find((s) => s.rule === 'working-day')?.text).toMatch(
      /Saturday 3 August 2024 is a Saturday; Sunday/,
    );
  });

  it("Scotland's summer bank holiday is the first Monday in August", () => {
    expect(inEach('2024-07-03')).toEqual({
      englandAndWales: '2024-08-05',
      scotland: '2024-08-06',
      northernIreland: '2024-08-05',
    });
  });

  it('2 January is a bank holiday in Scotland only', () => {
    // Friday 2 January 2026.
    expect(inEach('2025-12-02')).toEqual({
      englandAndWales: '2026-01-02',
      scotland: '2026-01-05',
      northernIreland: '2026-01-02',
    });
  });

  it("St Andrew's Day (Monday 30 November 2026) is a bank holiday in Scotland only", () => {
    expect(inEach('2026-10-30')).toEqual({
      englandAndWales: '2026-11-30',
      scotland: '2026-12-01',
      northernIreland: '2026-11-30',
    });
  });

  it('Easter Monday is not a bank holiday in Scotland', () => {
    // Easter Monday 2026 is 6 April.
    expect(inEach('2026-03-06')).toEqual({
      englandAndWales: '2026-04-07',
      scotland: '2026-04-06',
      northernIreland: '2026-04-07',
    });
  });

  it("St Patrick's Day (17 March) is a bank holiday in Northern Ireland only", () => {
    expect(inEach('2026-02-17')).toEqual({
      englandAndWales: '2026-03-17',
      scotland: '2026-03-17',
      northernIreland: '2026-03-18',
    });
  });

  it('12 July is a bank holiday in Northern Ireland only, with a substitute day when it falls on a Sunday', () => {
    // Monday 12 July 2027.
    expect(inEach('2027-06-12')).toMatchObject({
      englandAndWales: '2027-07-12',
      northernIreland: '2027-07-13',
    });
    // Sunday 12 July 2026: Monday 13 July is the substitute in Northern Ireland.
    expect(inEach('2026-06-12')).toMatchObject({
      englandAndWales: '2026-07-13',
      northernIreland: '2026-07-14',
    });
  });

  it('one-off holidays: the State Funeral (19 September 2022) and the Coronation (8 May 2023)', () => {
    const all = (d: string) => ({ englandAndWales: d, scotland: d, northernIreland: d });
    expect(inEach('2022-08-19')).toEqual(all('2022-09-20'));
    expect(inEach('2023-04-08')).toEqual(all('2023-05-09'));
  });

  it('a Christmas on a Saturday, with two substitute days, moves the deadline to the Wednesday', () => {
    // 25 December 2027 is a Saturday: 27 and 28 December are the substitute days.
    expect(due({ received: '2027-11-25', jurisdiction: ENG })).toBe('2027-12-29');
  });
});

describe('what starts the clock', () => {
  it('runs from the latest of the request, the ID, the authority and the fee', () => {
    const r = dueDate({
      received: '2026-03-02',
      jurisdiction: ENG,
      idReceived: '2026-03-09',
      authorityReceived: '2026-03-05',
      feeReceived: null,
    });
    expect(r.start).toBe('2026-03-09');
    expect(r.due).toBe('2026-04-09');
    expect(r.steps[0]?.text).toContain('the identification asked for arrived on Monday 9 March 2026');
    expect(r.steps[0]?.text).toContain('The month runs from the latest of these, Monday 9 March 2026.');
  });

  it('a fee (where one may be charged) starts the clock when it arrives', () => {
    expect(dueDate({ received: '2026-03-02', jurisdiction: ENG, feeReceived: '2026-03-16' }).start).toBe(
      '2026-03-16',
    );
  });

  it('ID that arrived with or before the request does not move the start', () => {
    expect(dueDate({ received: '2026-03-02', jurisdiction: ENG, idReceived: '2026-02-27' }).start).toBe(
      '2026-03-02',
    );
  });
});

describe('stopping the clock for clarification (Art. 12A)', () => {
  // Received Monday 2 March 2026: one month is Thursday 2 April.
  const received = '2026-03-02';

  it('the days from asking to the answer do not count', () => {
    const r = dueDate({
      received,
      jurisdiction: ENG,
      clarification: [{ asked: '2026-03-05', answered: '2026-03-12' }],
    });
    expect(r).toMatchObject({ baseDue: '2026-04-02', pausedDays: 7, due: '2026-04-09' });
    expect(r.steps.map((s) => s.rule)).toEqual(['start', 'period', 'clarification', 'clarification', 'due']);
    expect(r.steps[2]?.text).toContain('7 days do not count (Art. 12A UK GDPR)');
  });

  it('asking and being answered on the same day stops nothing', () => {
    const r = dueDate({
      received,
      jurisdiction: ENG,
      clarification: [{ asked: '2026-03-05', answered: '2026-03-05' }],
    });
    expect(r).toMatchObject({ pausedDays: 0, due: '2026-04-02' });
    expect(r.steps.some((s) => s.rule === 'clarification-not-counted')).toBe(true);
  });

  it('overlapping clarifications count each day once', () => {
    const r = dueDate({
      received,
      jurisdiction: ENG,
      clarification: [
        { asked: '2026-03-05', answered: '2026-03-12' },
        { asked: '2026-03-10', answered: '2026-03-15' },
      ],
    });
    expect(r.pausedDays).toBe(10);
  });

  it('separate clarifications add up, and the moved date still moves off a weekend', () => {
    const r = dueDate({
      received,
      jurisdiction: ENG,
      clarification: [
        { asked: '2026-03-05', answered: '2026-03-07' },
        { asked: '2026-03-20', answered: '2026-03-21' },
      ],
    });
    // 2 April + 3 days = Sunday 5 April; Monday 6 April 2026 is Easter Monday.
    expect(r).toMatchObject({ pausedDays: 3, due: '2026-04-07' });
  });

  it('a question asked on the due day still stops the clock; one asked after it has run out does not', () => {
    // Received Monday 11 May 2026: due Thursday 11 June.
    const onTheDay = dueDate({
      received: '2026-05-11',
      jurisdiction: ENG,
      clarification: [{ asked: '2026-06-11', answered: '2026-06-15' }],
    });
    expect(onTheDay).toMatchObject({ pausedDays: 4, due: '2026-06-15' });
    const late = dueDate({
      received: '2026-05-11',
      jurisdiction: ENG,
      clarification: [{ asked: '2026-06-12', answered: '2026-06-15' }],
    });
    expect(late).toMatchObject({ pausedDays: 0, due: '2026-06-11' });
    expect(late.steps.find((s) => s.rule === 'clarification-not-counted')?.text).toContain(
      'after the deadline',
    );
  });

  it('only days after the clock started count when clarification was asked while waiting for ID', () => {
    const r = dueDate({
      received: '2026-05-01',
      jurisdiction: ENG,
      idReceived: '2026-05-11',
      clarification: [{ asked: '2026-05-05', answered: '2026-05-13' }],
    });
    // Start 11 May; 2 days stopped; 11 June + 2 = Saturday 13 June, so Monday 15 June.
    expect(r).toMatchObject({ start: '2026-05-11', pausedDays: 2, due: '2026-06-15' });
  });
});

describe('extensions of up to two further months', () => {
  // Received Saturday 31 January 2026: one month is Saturday 28 February, so the first month ends Monday 2 March.
  const received = '2026-01-31';
  const reasons = 'Complex: fourteen years of repairs and ASB records';

  it('counts as three months from the original start when the person is told within the first month', () => {
    const r = dueDate({
      received,
      jurisdiction: ENG,
      extension: { toldOn: '2026-03-02', months: 2, reasons },
    });
    // Three months from 31 January is 30 April (not two months on from 28 February, which would be 28 April).
    expect(r).toMatchObject({ oneMonthDue: '2026-03-02', due: '2026-04-30', extended: true });
    expect(r.refusedExtension).toBeUndefined();
    expect(r.steps.map((s) => s.rule)).toEqual([
      'start',
      'without-extension',
      'extension',
      'period',
      'month-end',
      'due',
    ]);
    expect(r.steps[2]?.text).toContain(reasons);
  });

  it('a one-month extension runs two months from the start', () => {
    const r = dueDate({
      received,
      jurisdiction: ENG,
      extension: { toldOn: '2026-02-10', months: 1, reasons },
    });
    expect(r).toMatchObject({ due: '2026-03-31', extended: true });
  });

  it('is refused, and the one-month deadline stands, when the person is told after the first month', () => {
    const r = dueDate({
      received,
      jurisdiction: ENG,
      extension: { toldOn: '2026-03-03', months: 2, reasons },
    });
    expect(r).toMatchObject({ due: '2026-03-02', extended: false, refusedExtension: { code: 'told-late' } });
    expect(r.steps.find((s) => s.rule === 'extension-refused')?.text).toContain(
      'after the first month ended',
    );
  });

  it('is refused without reasons', () => {
    const r = dueDate({
      received,
      jurisdiction: ENG,
      extension: { toldOn: '2026-02-10', months: 2, reasons: '  ' },
    });
    expect(r).toMatchObject({ due: '2026-03-02', extended: false, refusedExtension: { code: 'no-reasons' } });
  });

  it('days stopped for clarification lengthen the first month, and are added to the extended deadline', () => {
    // Received 2 March 2026, 7 days stopped: the first month ends 9 April, not 2 April.
    const clarification = [{ asked: '2026-03-05', answered: '2026-03-12' }];
    const r = dueDate({
      received: '2026-03-02',
      jurisdiction: ENG,
      clarification,
      extension: { toldOn: '2026-04-08', months: 2, reasons },
    });
    // 2 June + 7 days = Tuesday 9 June 2026.
    expect(r).toMatchObject({ oneMonthDue: '2026-04-09', extended: true, pausedDays: 7, due: '2026-06-09' });
  });

  it('a clarification asked in the extended period stops the extended clock', () => {
    const r = dueDate({
      received,
      jurisdiction: ENG,
      clarification: [{ asked: '2026-04-01', answered: '2026-04-08' }],
      extension: { toldOn: '2026-02-10', months: 2, reasons },
    });
    // The question came after the first month but within the extended period: 30 April + 7 = Thursday 7 May.
    expect(r).toMatchObject({ pausedDays: 7, due: '2026-05-07' });
  });
});

describe('bad input is a ClockError naming the field', () => {
  const base: ClockInput = { received: '2026-03-02', jurisdiction: ENG };

  it.each([
    ['received', { received: '2026-02-30' }],
    ['received', { received: '02/03/2026' }],
    ['received', { received: '' }],
    ['idReceived', { idReceived: '2026-3-9' }],
    ['jurisdiction', { jurisdiction: 'wales' }],
    ['clarification[0].answered', { clarification: [{ asked: '2026-03-05', answered: '2026-03-04' }] }],
    ['clarification[0].asked', { clarification: [{ asked: '2026-03-01', answered: '2026-03-04' }] }],
    ['extension.toldOn', { extension: { toldOn: '2026-03-01', months: 2, reasons: 'x' } }],
    ['extension.months', { extension: { toldOn: '2026-03-03', months: 3, reasons: 'x' } }],
  ])('%s', (field, change) => {
    const error = clockError(() => dueDate({ ...base, ...change } as ClockInput));
    expect(error.field).toBe(field);
    expect(error.reason).not.toBe('');
  });

  it('a date the bank-holiday data does not cover is an error, not a guess', () => {
    expect(clockError(() => dueDate({ received: '2040-01-10', jurisdiction: ENG })).reason).toMatch(
      /no bank-holiday data/,
    );
  });
});
