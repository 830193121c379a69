/**
 * Properties of the statutory clock that must hold for every request, checked with fast-check over
 * every date the bank-holiday data covers and all three jurisdictions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, fromDayNumber, toDayNumber } from '../../src/rights/clock/dates.ts';
import {
  JURISDICTIONS,
  addCalendarMonths,
  dueDate,
  isWorkingDay,
  type Clarification,
  type ClockInput,
} from '../../src/rights/clock/index.ts';

// More runs than fast-check's default 100: the whole file still takes about a second.
fc.configureGlobal({ numRuns: 500 });

// Late enough in the data that three months, stopped days and a move off a holiday stay inside it.
const FIRST = toDayNumber('2019-01-01');
const LAST = toDayNumber('2035-06-30');

const date = fc.integer({ min: FIRST, max: LAST }).map(fromDayNumber);
const jurisdiction = fc.constantFrom(...JURISDICTIONS);

/** A clarification some days after `from`, answered up to three weeks later (possibly the same day). */
const clarificationAfter = (from: string) =>
  fc
    .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 21 }))
    .map(([after, lasting]): Clarification => {
      const asked = addDays(from, after);
      return { asked, answered: addDays(asked, lasting) };
    });

const request = fc
  .record({
    received: date,
    jurisdiction,
    idAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  })
  .chain(({ received, jurisdiction, idAfter }) =>
    fc.record({
      received: fc.constant(received),
      jurisdiction: fc.constant(jurisdiction),
      idReceived: fc.constant(idAfter === undefined ? undefined : addDays(received, idAfter)),
      clarification: fc.array(clarificationAfter(received), { maxLength: 3 }),
    }),
  );

const extensionFor = (input: ClockInput) =>
  fc.record({
    toldOn: fc.integer({ min: 0, max: 60 }).map((n) => addDays(input.received, n)),
    months: fc.constantFrom(1 as const, 2 as const),
    reasons: fc.constantFrom('', 'Complex request', 'A number of requests from the same person'),
  });

describe('the statutory clock, for every request', () => {
  it('is never due before the clock starts, and the start is never before receipt', () => {
    fc.assert(
      fc.property(request, (input) => {
        const r = dueDate(input);
        expect(r.start >= input.received).toBe(true);
        expect(r.due >= r.start).toBe(true);
      }),
    );
  });

  it('is always due on a working day of its jurisdiction', () => {
    fc.assert(
      fc.property(request, (input) => {
        expect(isWorkingDay(dueDate(input).due, input.jurisdiction)).toBe(true);
      }),
    );
  });

  it('without stopped days or an extension, is due on the month date or the first working day after it', () => {
    fc.assert(
      fc.property(date, jurisdiction, (received, j) => {
        const r = dueDate({ received, jurisdiction: j });
        expect(r.baseDue).toBe(addCalendarMonths(received, 1));
        // Every day skipped is a day off, and no run of days off lasts more than ten days.
        for (let day = r.baseDue; day < r.due; day = addDays(day, 1))
          expect(isWorkingDay(day, j)).toBe(false);
        expect(daysBetween(r.baseDue, r.due)).toBeLessThanOrEqual(10);
        expect(daysBetween(received, r.due)).toBeLessThanOrEqual(31 + 10);
      }),
    );
  });

  it('a later receipt never gives an earlier due date', () => {
    fc.assert(
      fc.property(date, date, jurisdiction, (a, b, j) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        expect(
          dueDate({ received: earlier, jurisdiction: j }).due <=
            dueDate({ received: later, jurisdiction: j }).due,
        ).toBe(true);
      }),
    );
  });

  it('stopping the clock never gives an earlier due date, and a longer stop never an earlier one than a shorter', () => {
    fc.assert(
      fc.property(
        request,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        (input, after, k) => {
          const without = dueDate(input);
          const asked = addDays(without.start, after);
          const shorter = dueDate({
            ...input,
            clarification: [...input.clarification, { asked, answered: addDays(asked, k) }],
          });
          const longer = dueDate({
            ...input,
            clarification: [...input.clarification, { asked, answered: addDays(asked, k + 1) }],
          });
          expect(shorter.due >= without.due).toBe(true);
          expect(longer.due >= shorter.due).toBe(true);
          expect(shorter.pausedDays).toBeGreaterThanOrEqual(without.pausedDays);
        },
      ),
    );
  });

  it('a pause within the first month moves the unrounded deadline on by exactly its length', () => {
    fc.assert(
      fc.property(
        date,
        jurisdiction,
        fc.integer({ min: 0, max: 27 }),
        fc.integer({ min: 0, max: 21 }),
        (received, j, after, k) => {
          const asked = addDays(received, after);
          const r = dueDate({
            received,
            jurisdiction: j,
            clarification: [{ asked, answered: addDays(asked, k) }],
          });
          expect(r.pausedDays).toBe(k);
          const skipped = daysBetween(addDays(r.baseDue, k), r.due);
          expect(skipped).toBeGreaterThanOrEqual(0);
          expect(skipped).toBeLessThanOrEqual(10);
        },
      ),
    );
  });

  it('the order clarifications are listed in does not matter, and same-day ones change nothing', () => {
    fc.assert(
      fc.property(request, fc.integer({ min: 0, max: 20 }), (input, sameDayAfter) => {
        const r = dueDate(input);
        const reversed = dueDate({ ...input, clarification: [...input.clarification].reverse() });
        const asked = addDays(input.received, sameDayAfter);
        const withSameDay = dueDate({
          ...input,
          clarification: [...input.clarification, { asked, answered: asked }],
        });
        expect(reversed.due).toBe(r.due);
        expect(withSameDay.due).toBe(r.due);
        expect(withSameDay.pausedDays).toBe(r.pausedDays);
      }),
    );
  });

  it('overlapping clarifications never count a day twice', () => {
    fc.assert(
      fc.property(request, (input) => {
        const total = input.clarification.reduce((n, c) => n + daysBetween(c.asked, c.answered), 0);
        expect(dueDate(input).pausedDays).toBeLessThanOrEqual(total);
      }),
    );
  });

  it('an extension never shortens, and counts only when told within the first month with reasons', () => {
    fc.assert(
      fc.property(
        request.chain((input) => fc.tuple(fc.constant(input), extensionFor(input))),
        ([input, extension]) => {
          const without = dueDate(input);
          const r = dueDate({ ...input, extension });
          expect(r.due >= without.due).toBe(true);
          expect(r.oneMonthDue).toBe(without.due);
          const shouldCount = extension.toldOn <= without.due && extension.reasons.trim() !== '';
          expect(r.extended).toBe(shouldCount);
          expect(r.refusedExtension === undefined).toBe(shouldCount);
          if (r.extended) expect(r.due >= addCalendarMonths(r.start, 1 + extension.months)).toBe(true);
          else expect(r.due).toBe(without.due);
        },
      ),
    );
  });

  it('always explains itself, ending with the due date', () => {
    fc.assert(
      fc.property(request, (input) => {
        const r = dueDate(input);
        expect(r.steps[0]?.rule).toBe('start');
        expect(r.steps.at(-1)).toMatchObject({ rule: 'due', date: r.due });
        expect(r.steps.every((s) => s.text.length > 0)).toBe(true);
      }),
    );
  });
});

describe('addCalendarMonths', () => {
  it('gives the corresponding date, or the last day of a month that has none', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 36 }), (from, months) => {
        const to = addCalendarMonths(from, months);
        const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
        const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
        expect(ty * 12 + tm).toBe(fy * 12 + fm + months);
        // The oracle: Date.UTC rolls an impossible date into the next month, which is exactly when to clamp.
        const corresponding = new Date(Date.UTC(ty, tm - 1, fd));
        if (corresponding.getUTCMonth() === tm - 1) expect(td).toBe(fd);
        else expect(td).toBe(new Date(Date.UTC(ty, tm, 0)).getUTCDate());
      }),
    );
  });

  it('never goes backwards', () => {
    fc.assert(
      fc.property(date, date, fc.integer({ min: 0, max: 3 }), (a, b, n) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(addCalendarMonths(x, n) <= addCalendarMonths(y, n)).toBe(true);
      }),
    );
  });
});

describe('day arithmetic', () => {
  it('agrees with Date.UTC (in UTC, never a local zone) about every day, and round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2200-12-31') }), (n) => {
        const iso = fromDayNumber(n);
        expect(iso).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
        expect(toDayNumber(iso)).toBe(n);
      }),
    );
  });
});
