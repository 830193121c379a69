/** Dates and item titles as the person reads them. */
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest } from '../../manifest/schema.ts';

const LONG = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "20 November 2026", the day in the UK. */
export function longDate(at: Date): string {
  return LONG.format(at);
}

/** "3 March 2026", for a calendar day written YYYY-MM-DD (read at midday, so no zone moves it). */
export function longDay(day: string): string {
  return LONG.format(new Date(`${day}T12:00:00Z`));
}

/** A record type's name as the manifest gives it, or its id if the manifest no longer declares it. */
export function typeName(manifest: Manifest, recordType: string): string {
  return lookup(manifest).recordTypes.get(recordType)?.name ?? recordType;
}
