/**
 * The bank-holiday calendars the clock uses: the committed data files with the hand-kept overrides
 * applied. Everything here is data read once at start-up; nothing asks a library or the network.
 */
import englandAndWales from './calendars/england-and-wales.json' with { type: 'json' };
import northernIreland from './calendars/northern-ireland.json' with { type: 'json' };
import overridesFile from './calendars/overrides.json' with { type: 'json' };
import scotland from './calendars/scotland.json' with { type: 'json' };
import { readCalendarFile, readOverrides, type CalendarFile, type Overrides } from './calendars/format.ts';
import type { IsoDate } from './dates.ts';
import { ClockError } from './errors.ts';
import type { Jurisdiction } from './jurisdictions.ts';

export interface Calendar {
  jurisdiction: Jurisdiction;
  /** The first and last dates the data covers; the clock refuses to guess outside them. */
  from: IsoDate;
  to: IsoDate;
  /** Bank holidays by date, with their names for the reasoning shown to the DPO. */
  holidays: ReadonlyMap<IsoDate, string>;
}

/** A generated file with the overrides for its jurisdiction applied: removals first, then additions. */
export function applyOverrides(file: CalendarFile, overrides: Overrides): Calendar {
  const holidays = new Map(file.holidays.map((h) => [h.date, h.name]));
  const mine = <T extends { jurisdictions: Jurisdiction[] }>(o: T) =>
    o.jurisdictions.includes(file.jurisdiction);
  for (const r of overrides.remove.filter(mine)) holidays.delete(r.date);
  for (const a of overrides.add.filter(mine)) holidays.set(a.date, a.name);
  return { jurisdiction: file.jurisdiction, from: file.from, to: file.to, holidays };
}

function load(): ReadonlyMap<Jurisdiction, Calendar> {
  const overrides = readOverrides(overridesFile, 'calendars/overrides.json');
  const files = [
    readCalendarFile(englandAndWales, 'calendars/england-and-wales.json'),
    readCalendarFile(scotland, 'calendars/scotland.json'),
    readCalendarFile(northernIreland, 'calendars/northern-ireland.json'),
  ];
  return new Map(files.map((file) => [file.jurisdiction, applyOverrides(file, overrides)]));
}

const CALENDARS = load();

export function calendarFor(jurisdiction: Jurisdiction): Calendar {
  const calendar = CALENDARS.get(jurisdiction);
  if (!calendar) throw new ClockError('jurisdiction', `no bank-holiday calendar for "${jurisdiction}"`);
  return calendar;
}
