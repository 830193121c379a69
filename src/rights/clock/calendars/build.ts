/**
 * Builds the bank-holiday data files from date-holidays. Only the generator script and the tests
 * import this: the clock itself reads the committed JSON, so a new or corrected holiday is a reviewed
 * data change rather than a silent library upgrade.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Holidays from 'date-holidays';
import type { Jurisdiction } from '../jurisdictions.ts';
import type { CalendarFile, Holiday } from './format.ts';

export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2035;

/** date-holidays' GB regions; Wales has no region of its own there and uses England's holidays. */
const REGIONS: Readonly<Record<Jurisdiction, string>> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

function libraryVersion(): string {
  const path = createRequire(import.meta.url).resolve('date-holidays/package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/** Public holidays only: date-holidays also lists observances such as Mother's Day, which are not days off. */
function publicHolidays(region: string, year: number): Holiday[] {
  return new Holidays('GB', region)
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
}

/** Two holidays on one date become one entry, so each date appears once. */
function oneEntryPerDate(holidays: Holiday[]): Holiday[] {
  const byDate = new Map<string, string[]>();
  for (const h of holidays) byDate.set(h.date, [...(byDate.get(h.date) ?? []), h.name]);
  return [...byDate]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, names]) => ({ date, name: names.join(' and ') }));
}

export function buildCalendarFile(
  jurisdiction: Jurisdiction,
  first = FIRST_YEAR,
  last = LAST_YEAR,
): CalendarFile {
  const region = REGIONS[jurisdiction];
  const holidays: Holiday[] = [];
  for (let year = first; year <= last; year++) holidays.push(...publicHolidays(region, year));
  return {
    jurisdiction,
    source: `date-holidays ${libraryVersion()}, GB-${region}, type public`,
    from: `${first}-01-01`,
    to: `${last}-12-31`,
    holidays: oneEntryPerDate(holidays),
  };
}

/** JSON with one holiday per line, as prettier would leave it, so a regenerated file diffs cleanly. */
export function serialiseCalendarFile(file: CalendarFile): string {
  const lines = file.holidays.map(
    (h) => `    { "date": ${JSON.stringify(h.date)}, "name": ${JSON.stringify(h.name)} }`,
  );
  return [
    '{',
    `  "jurisdiction": ${JSON.stringify(file.jurisdiction)},`,
    `  "source": ${JSON.stringify(file.source)},`,
    `  "from": ${JSON.stringify(file.from)},`,
    `  "to": ${JSON.stringify(file.to)},`,
    '  "holidays": [',
    lines.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
