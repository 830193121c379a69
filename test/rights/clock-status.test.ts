/** Where requests stand on a given day: days remaining, red/amber/green, and the due-soon and overdue lists. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from '../../src/rights/clock/dates.ts';
import {
  JURISDICTIONS,
  addWorkingDays,
  daysRemaining,
  dueSoon,
  isOverdue,
  nextWorkingDay,
  onOrAfterWorkingDay,
  overdue,
  ragStatus,
  type Jurisdiction,
} from '../../src/rights/clock/index.ts';

const ENG: Jurisdiction = 'england-and-wales';

describe('days remaining and overdue', () => {
  it('a request is due by the end of its due day: 0 days left that day, overdue the next', () => {
    expect(daysRemaining('2026-03-10', '2026-03-07')).toBe(3);
    expect(daysRemaining('2026-03-10', '2026-03-10')).toBe(0);
    expect(isOverdue('2026-03-10', '2026-03-10')).toBe(false);
    expect(daysRemaining('2026-03-10', '2026-03-11')).toBe(-1);
    expect(isOverdue('2026-03-10', '2026-03-11')).toBe(true);
  });
});

describe('working days', () => {
  it('step over weekends and the jurisdiction’s bank holidays', () => {
    // Friday 20 December 2024: the next three working days are 23, 24 and 27 December.
    expect(nextWorkingDay('2024-12-20', ENG)).toBe('2024-12-23');
    expect(addWorkingDays('2024-12-20', 3, ENG)).toBe('2024-12-27');
    expect(addWorkingDays('2024-12-20', 0, ENG)).toBe('2024-12-20');
    expect(onOrAfterWorkingDay('2024-12-25', ENG)).toBe('2024-12-27');
    expect(onOrAfterWorkingDay('2024-12-27', ENG)).toBe('2024-12-27');
    // Wednesday 1 January 2025; 2 January is a holiday in Scotland only.
    expect(nextWorkingDay('2025-01-01', ENG)).toBe('2025-01-02');
    expect(nextWorkingDay('2025-01-01', 'scotland')).toBe('2025-01-03');
  });
});

describe('red, amber, green', () => {
  const today = '2024-12-20';

  it('is red once overdue, amber within the warning period in working days, green before that', () => {
    expect(ragStatus('2024-12-19', today, ENG, 3)).toBe('red');
    expect(ragStatus('2024-12-20', today, ENG, 3)).toBe('amber');
    // Three working days from Friday 20 December reach Friday 27 December, over Christmas.
    expect(ragStatus('2024-12-27', today, ENG, 3)).toBe('amber');
    expect(ragStatus('2024-12-30', today, ENG, 3)).toBe('green');
  });

  it('uses a five-working-day warning unless told otherwise', () => {
    expect(ragStatus(addWorkingDays(today, 5, ENG), today, ENG)).toBe('amber');
    expect(ragStatus(nextWorkingDay(addWorkingDays(today, 5, ENG), ENG), today, ENG)).toBe('green');
  });
});

describe('the due-soon and overdue lists', () => {
  const requests = [
    { id: 'a', due: '2026-03-20', jurisdiction: ENG },
    { id: 'b', due: '2026-03-02', jurisdiction: ENG },
    { id: 'c', due: '2026-03-11', jurisdiction: ENG },
    { id: 'd', due: '2026-03-09', jurisdiction: 'scotland' as const },
    { id: 'e', due: '2026-03-05', jurisdiction: ENG },
    { id: 'f', due: '2026-03-09', jurisdiction: ENG },
  ];
  const today = '2026-03-06'; // a Friday

  it('overdue: due days that have ended, longest overdue first', () => {
    expect(overdue(requests, today).map((r) => r.id)).toEqual(['b', 'e']);
  });

  it('due soon: not overdue and due within the working days given, earliest first, ties in input order', () => {
    // Three working days from Friday 6 March: Monday 9, Tuesday 10, Wednesday 11.
    expect(dueSoon(requests, today, 3).map((r) => r.id)).toEqual(['d', 'f', 'c']);
    expect(dueSoon(requests, today, 0)).toEqual([]);
  });

  it('put every request in at most one list, agreeing with its colour', () => {
    const day = fc
      .integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2035-01-01') })
      .map(fromDayNumber);
    const req = fc.record({ due: day, jurisdiction: fc.constantFrom(...JURISDICTIONS) });
    fc.assert(
      fc.property(fc.array(req, { maxLength: 20 }), day, fc.integer({ min: 0, max: 15 }), (list, on, n) => {
        const late = overdue(list, on);
        const soon = dueSoon(list, on, n);
        for (const r of list) {
          const colour = ragStatus(r.due, on, r.jurisdiction, n);
          expect(late.includes(r)).toBe(colour === 'red');
          expect(soon.includes(r)).toBe(colour === 'amber');
        }
        for (const sorted of [late, soon]) {
          expect(sorted.map((r) => r.due)).toEqual(sorted.map((r) => r.due).sort());
        }
      }),
    );
  });
});
