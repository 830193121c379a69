/** Checking what callers give: each problem is an InputError naming the field and the reason. */
import { InputError } from '../../records/errors.ts';
import { cleanText } from '../../records/formats.ts';
import { ClockError, isIsoDate, type IsoDate } from '../clock/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw new InputError(field, 'is not a valid id');
  return value.toLowerCase();
}

export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : String(value);
  throw new InputError(field, `${shown} is not one of ${allowed.join(', ')}`);
}

/** The calendar date of an instant in the UK, where the landlord is. */
export function ukDate(at: Date): IsoDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** A real calendar date, written YYYY-MM-DD, not after today. */
export function checkPastDate(value: unknown, field: string, today: IsoDate): IsoDate {
  if (!isIsoDate(value))
    throw new InputError(field, `${JSON.stringify(value)} is not a real date written YYYY-MM-DD`);
  if (value > today) throw new InputError(field, `${value} is in the future (today is ${today})`);
  return value;
}

/**
 * Free text, the one check every free-text input goes through: with Unicode's bidirectional
 * controls stripped (cleanText says why stripped, not refused), so it cannot display reversed.
 */
export function checkText(value: unknown, field: string, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new InputError(field, 'is required');
    return undefined;
  }
  if (typeof value !== 'string') throw new InputError(field, 'must be text');
  const text = cleanText(value);
  if (required && !text.trim()) throw new InputError(field, 'is required');
  return text === '' ? undefined : text;
}

/** The clock's own input errors, in the store's terms. */
export function asInputError(error: unknown): unknown {
  return error instanceof ClockError ? new InputError(error.field, error.reason) : error;
}
