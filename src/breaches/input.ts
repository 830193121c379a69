/** Checking what the breach register is given: each problem names the field and the reason. */
import { InputError } from '../records/errors.ts';
import { isIsoDate } from '../rights/clock/index.ts';
import { checkOneOf } from '../rights/requests/input.ts';
import { momentWords } from '../manifest/words.ts';
import { BREACH_TYPES, type BreachType } from './vocabulary.ts';

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
    throw new InputError(
      field,
      `cannot be in the future: ${momentWords(at)} is later than now (${momentWords(now)}, UK time)`,
    );
  return at;
}

/** When it happened: not in the future, nor after the controller became aware (when that is known). */
export function checkOccurredAt(value: unknown, awareAt: Date | undefined, now: Date): Date {
  const at = checkPastInstant(value, 'occurredAt', now);
  if (awareAt && at > awareAt)
    throw new InputError(
      'occurredAt',
      `cannot be after we became aware of the breach (${momentWords(awareAt)}): ${momentWords(at)} is later`,
    );
  return at;
}

/** What kind of breach: at least one of confidentiality, integrity and availability, repeats dropped. */
export function checkTypes(value: unknown): BreachType[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new InputError('types', `name at least one of ${BREACH_TYPES.join(', ')}`);
  return [...new Set(value.map((t, i) => checkOneOf(t, BREACH_TYPES, `types[${i}]`)))];
}

/** An action's due day, when given: a real day written YYYY-MM-DD. */
export function checkDueOn(value: unknown): string | null {
  if (value === undefined) return null;
  if (!isIsoDate(value))
    throw new InputError('dueOn', `${JSON.stringify(value)} is not a real date written YYYY-MM-DD`);
  return value;
}

export function checkCount(value: unknown, field: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new InputError(field, 'must be a whole number, 0 or more');
  return value;
}

/**
 * An optional list of the manifest's ids (categories, activities): each entry must be one the
 * manifest declares, and the error names the entry's place ("activities[1]"). Repeats are dropped.
 */
export function checkDeclared(
  value: unknown,
  known: ReadonlyMap<string, unknown>,
  field: string,
  what: string,
): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputError(field, 'must be a list');
  const ids = value.map((id: unknown, i) => {
    if (typeof id !== 'string' || !known.has(id))
      throw new InputError(`${field}[${i}]`, `${JSON.stringify(id)} is not ${what} the manifest declares`);
    return id;
  });
  return [...new Set(ids)];
}
