/**
 * Regenerates the bank-holiday data files from date-holidays:
 *
 *   npx tsx src/rights/clock/calendars/generate.ts
 *
 * Review the diff before committing it: every changed line moves someone's deadline. One-off
 * holidays the library lacks go in overrides.json, which this script never touches.
 */
import { writeFileSync } from 'node:fs';
import { JURISDICTIONS } from '../jurisdictions.ts';
import { buildCalendarFile, serialiseCalendarFile } from './build.ts';

for (const jurisdiction of JURISDICTIONS) {
  const file = buildCalendarFile(jurisdiction);
  writeFileSync(new URL(`./${jurisdiction}.json`, import.meta.url), serialiseCalendarFile(file));
  console.log(`${jurisdiction}.json: ${file.holidays.length} holidays, ${file.from} to ${file.to}`);
}
