/**
 * The shape of the bank-holiday data files, checked when they are read: they are meant to be edited
 * by hand when a one-off holiday is announced, so a typo must fail loudly at start-up rather than
 * quietly move a deadline.
 */
import { parseDate, type IsoDate } from '../dates.ts';
import { ClockError } from '../errors.ts';
import { checkJurisdiction, type Jurisdiction } from '../jurisdictions.ts';

export interface Holiday {
  date: IsoDate;
  name: string;
}

/** One generated file per jurisdiction: every public holiday from `from` to `to`, weekends included. */
export interface CalendarFile {
  jurisdiction: Jurisdiction;
  source: string;
  from: IsoDate;
  to: IsoDate;
  holidays: Holiday[];
}

/** A one-off change the generated data lacks (a new holiday) or gets wrong (a holiday that was moved). */
export interface OverrideAdd extends Holiday {
  jurisdictions: Jurisdiction[];
  why: string;
}

export interface OverrideRemove {
  date: IsoDate;
  jurisdictions: Jurisdiction[];
  why: string;
}

export interface Overrides {
  add: OverrideAdd[];
  remove: OverrideRemove[];
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ClockError(field, 'must be an object');
  }
  return value as Record<string, unknown>;
}

function list(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new ClockError(field, 'must be a list');
  return value;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ClockError(field, 'must be non-empty text');
  return value;
}

function date(value: unknown, field: string): IsoDate {
  parseDate(value, field);
  return value as IsoDate;
}

function holiday(value: unknown, field: string): Holiday {
  const h = record(value, field);
  return { date: date(h.date, `${field}.date`), name: text(h.name, `${field}.name`) };
}

function jurisdictions(value: unknown, field: string): Jurisdiction[] {
  const items = list(value, field).map((j, i) => checkJurisdiction(j, `${field}[${i}]`));
  if (items.length === 0) throw new ClockError(field, 'name at least one jurisdiction');
  return items;
}

export function readCalendarFile(value: unknown, field: string): CalendarFile {
  const f = record(value, field);
  const file: CalendarFile = {
    jurisdiction: checkJurisdiction(f.jurisdiction, `${field}.jurisdiction`),
    source: text(f.source, `${field}.source`),
    from: date(f.from, `${field}.from`),
    to: date(f.to, `${field}.to`),
    holidays: list(f.holidays, `${field}.holidays`).map((h, i) => holiday(h, `${field}.holidays[${i}]`)),
  };
  file.holidays.forEach((h, i) => {
    if (h.date < file.from || h.date > file.to) {
      throw new ClockError(`${field}.holidays[${i}].date`, `${h.date} is outside ${file.from} to ${file.to}`);
    }
  });
  return file;
}

export function readOverrides(value: unknown, field: string): Overrides {
  const o = record(value, field);
  return {
    add: list(o.add, `${field}.add`).map((raw, i) => {
      const at = `${field}.add[${i}]`;
      const entry = record(raw, at);
      return {
        ...holiday(entry, at),
        jurisdictions: jurisdictions(entry.jurisdictions, `${at}.jurisdictions`),
        why: text(entry.why, `${at}.why`),
      };
    }),
    remove: list(o.remove, `${field}.remove`).map((raw, i) => {
      const at = `${field}.remove[${i}]`;
      const entry = record(raw, at);
      return {
        date: date(entry.date, `${at}.date`),
        jurisdictions: jurisdictions(entry.jurisdictions, `${at}.jurisdictions`),
        why: text(entry.why, `${at}.why`),
      };
    }),
  };
}
