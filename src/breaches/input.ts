/** Checking what the breach register is given: each problem names the field and the reason. */
import { InputError } from '../records/errors.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant given as a Date or an ISO 8601 string with its offset (so the zone is never guessed). */
export function checkInstant(value: unknown, field: string): Date {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' && INSTANT.test(value)
        ? new Date(value)
        : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new InputError(field, 'must be a date and time with its offset, such as 2026-11-23T09:30:00Z');
  return date;
}

/** An instant not after now. */
export function checkPastInstant(value: unknown, field: string, now: Date): Date {
  const at = checkInstant(value, field);
  if (at > now)
    throw new InputError(field, `${at.toISOString()} is in the future (now is ${now.toISOString()})`);
  return at;
}

export function checkCount(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new InputError(field, 'must be a whole number, 0 or more');
  return value;
}
