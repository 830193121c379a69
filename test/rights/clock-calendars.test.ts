/**
 * The bank-holiday data: committed JSON the clock reads at start-up, generated from date-holidays,
 * with hand-kept overrides for one-off holidays. These tests keep the three in step.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOverrides, calendarFor } from '../../src/rights/clock/calendar.ts';
import { buildCalendarFile, serialiseCalendarFile } from '../../src/rights/clock/calendars/build.ts';
import {
  readCalendarFile,
  readOverrides,
  type CalendarFile,
} from '../../src/rights/clock/calendars/format.ts';
import { addDays } from '../../src/rights/clock/dates.ts';
import {
  ClockError,
  JURISDICTIONS,
  isWorkingDay,
  jurisdictionForNation,
  nonWorkingReason,
} from '../../src/rights/clock/index.ts';

const CLOCK = new URL('../../src/rights/clock/', import.meta.url).pathname;
const committed = (name: string): unknown => JSON.parse(readFileSync(join(CLOCK, 'calendars', name), 'utf8'));

describe('the committed calendars', () => {
  it.each(JURISDICTIONS)('%s.json is exactly what the generator writes today', (jurisdiction) => {
    // Fails after a date-holidays upgrade that changes a holiday: regenerate, review the diff, commit.
    const onDisk = readFileSync(join(CLOCK, 'calendars', `${jurisdiction}.json`), 'utf8');
    expect(onDisk).toBe(serialiseCalendarFile(buildCalendarFile(jurisdiction)));
  });

  it('cover 2019 to 2035 in every jurisdiction', () => {
    for (const j of JURISDICTIONS)
      expect(calendarFor(j)).toMatchObject({ from: '2019-01-01', to: '2035-12-31' });
  });

  it('hold each nation’s own holidays every year', () => {
    const has = (j: (typeof JURISDICTIONS)[number], date: string) => calendarFor(j).holidays.has(date);
    for (let year = 2019; year <= 2035; year++) {
      for (const j of JURISDICTIONS) {
        expect(has(j, `${year}-01-01`)).toBe(true);
        expect(has(j, `${year}-12-25`)).toBe(true);
        expect(has(j, `${year}-12-26`)).toBe(true);
      }
      expect(has('scotland', `${year}-01-02`)).toBe(true);
      expect(has('scotland', `${year}-11-30`)).toBe(true);
      // In England and Wales 2 January is only ever a substitute for a New Year's Day on a Sunday.
      const secondJanuary = calendarFor('england-and-wales').holidays.get(`${year}-01-02`);
      if (secondJanuary) expect(secondJanuary).toMatch(/substitute/);
      expect(has('northern-ireland', `${year}-03-17`)).toBe(true);
      expect(has('northern-ireland', `${year}-07-12`)).toBe(true);
      expect(has('england-and-wales', `${year}-03-17`)).toBe(false);
    }
  });

  it('include the one-off holidays: Platinum Jubilee, State Funeral and Coronation', () => {
    for (const j of JURISDICTIONS) {
      for (const date of ['2022-06-03', '2022-09-19', '2023-05-08'])
        expect(isWorkingDay(date, j)).toBe(false);
    }
    expect(nonWorkingReason('2022-09-19', 'scotland')).toMatch(/Funeral.*a bank holiday in Scotland/);
  });

  it('the weekday after a holiday is a working day unless it is a holiday itself', () => {
    // 2022-09-20 was an ordinary Tuesday everywhere.
    for (const j of JURISDICTIONS) expect(isWorkingDay(addDays('2022-09-19', 1), j)).toBe(true);
  });

  it('Wales uses the England and Wales calendar', () => {
    expect(jurisdictionForNation('wales')).toBe('england-and-wales');
    expect(jurisdictionForNation('england')).toBe('england-and-wales');
    expect(jurisdictionForNation('scotland')).toBe('scotland');
  });
});

describe('overrides', () => {
  const file: CalendarFile = {
    jurisdiction: 'scotland',
    source: 'test',
    from: '2030-01-01',
    to: '2030-12-31',
    holidays: [
      { date: '2030-05-06', name: 'Early May bank holiday' },
      { date: '2030-12-25', name: 'Christmas Day' },
    ],
  };

  it('add and remove holidays for the jurisdictions they name only', () => {
    const overrides = readOverrides(
      {
        add: [{ date: '2030-06-14', name: 'A one-off', jurisdictions: ['scotland'], why: 'proclaimed' }],
        remove: [
          { date: '2030-05-06', jurisdictions: ['scotland'], why: 'moved' },
          { date: '2030-12-25', jurisdictions: ['northern-ireland'], why: 'not here' },
        ],
      },
      'overrides',
    );
    const calendar = applyOverrides(file, overrides);
    expect([...calendar.holidays.keys()].sort()).toEqual(['2030-06-14', '2030-12-25']);
    expect(calendar.holidays.get('2030-06-14')).toBe('A one-off');
  });

  it.each([
    [
      'overrides.add[0].date',
      { add: [{ date: '2030-13-01', name: 'x', jurisdictions: ['scotland'], why: 'y' }], remove: [] },
    ],
    [
      'overrides.add[0].jurisdictions[0]',
      { add: [{ date: '2030-06-14', name: 'x', jurisdictions: ['wales'], why: 'y' }], remove: [] },
    ],
    [
      'overrides.add[0].why',
      { add: [{ date: '2030-06-14', name: 'x', jurisdictions: ['scotland'] }], remove: [] },
    ],
    [
      'overrides.remove[0].jurisdictions',
      { add: [], remove: [{ date: '2030-06-14', jurisdictions: [], why: 'y' }] },
    ],
    ['overrides.remove', { add: [] }],
  ])('a bad entry is refused, naming %s', (field, raw) => {
    expect(() => readOverrides(raw, 'overrides')).toThrow(ClockError);
    try {
      readOverrides(raw, 'overrides');
    } catch (error) {
      expect((error as ClockError).field).toBe(field);
    }
  });

  it('every committed override still changes something (delete it once the generated data has it)', () => {
    const overrides = readOverrides(committed('overrides.json'), 'overrides.json');
    const generated = new Map(
      JURISDICTIONS.map((j) => [j, readCalendarFile(committed(`${j}.json`), j)] as const),
    );
    for (const add of overrides.add) {
      for (const j of add.jurisdictions) {
        const g = generated.get(j)!;
        expect(add.date >= g.from && add.date <= g.to).toBe(true);
        expect(g.holidays.some((h) => h.date === add.date)).toBe(false);
      }
    }
    for (const remove of overrides.remove) {
      for (const j of remove.jurisdictions) {
        expect(generated.get(j)!.holidays.some((h) => h.date === remove.date)).toBe(true);
      }
    }
  });

  it('a calendar file with a holiday outside its own range is refused', () => {
    expect(() => readCalendarFile({ ...file, holidays: [{ date: '2031-01-01', name: 'x' }] }, 'f')).toThrow(
      /outside 2030-01-01 to 2030-12-31/,
    );
  });
});

describe('the clock at run time', () => {
  it('reads only the data files: nothing but the generator imports date-holidays', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
      );
    const builders = ['calendars/build.ts', 'calendars/generate.ts'];
    for (const path of files(CLOCK)) {
      const source = readFileSync(path, 'utf8');
      const name = relative(CLOCK, path);
      if (builders.includes(name)) continue;
      expect(source, name).not.toMatch(/from 'date-holidays'/);
      expect(source, name).not.toMatch(/calendars\/build\.ts'/);
    }
  });
});
