/**
 * Values written for the people who read them: the subject access pack's cover (HTML and PDF), the
 * residents' portal and the caseworker's review all show a record through these, so a date of
 * birth reads "24 December 1978" everywhere and never "1978-12-24". The machine-readable copies
 * (data.json, data.csv) keep the values as held, which is what portability needs.
 *
 * Everything here is a pure function of its input (UK time via the Europe/London zone, no clock):
 * a released pack is rebuilt and checked byte for byte against its digest, so the same value must
 * always give the same words.
 */
import type { RecordType } from '../../manifest/schema.ts';
import { dayWords, instant, momentWords } from '../../manifest/words.ts';

// The UK dates live with the manifest's other words, so the notice says them the same way.
export { dayWords, momentWords, ukDayOf } from '../../manifest/words.ts';

/** The little a presenter needs of a field: its name (for durations) and its type. */
export interface PresentedField {
  name: string;
  type: string;
}

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/**
 * Words written in capitals wherever they stand alone in an id: "id-document" is an "ID document"
 * (NI: National Insurance, NFI: National Fraud Initiative, CORE: the social housing lettings log,
 * DWP: Department for Work and Pensions, ASB: anti-social behaviour). The web's humanise uses it too.
 */
const ACRONYMS = new Set(['id', 'cctv', 'ni', 'nfi', 'core', 'dwp', 'asb', 'mp', 'uk']);

/** An id as words: "rent-charge" → "rent charge", "id-document" → "ID document". */
export function idWords(id: string): string {
  return id
    .replace(/[-_]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[a-z]+/g, (w) => (ACRONYMS.has(w) ? w.toUpperCase() : w));
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** An enum value standing alone, as a table cell shows it: "direct-debit" → "Direct debit". */
export const valueWords = (id: string): string => capitalise(idWords(id));

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "21 minutes 12 seconds" from 1272 seconds; hours only when there is at least one. */
export function durationWords(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const words = [h && plural(h, 'hour'), m && plural(m, 'minute'), s && plural(s, 'second')].filter(Boolean);
  return words.length ? words.join(' ') : '0 seconds';
}

/** A number of seconds the manifest names as such (durationSeconds, holdSeconds): there is no duration type. */
export const isDuration = (field: PresentedField): boolean =>
  field.type === 'number' && /(^s|S)econds$/.test(field.name);

/** A field's label as a reader needs it: "Duration seconds" is a "Duration", given in minutes and seconds. */
export const labelWords = (field: PresentedField, label: string): string =>
  isDuration(field) ? label.replace(/\s+(in\s+)?seconds$/i, '') || label : label;

/** A field's value in words; '' for nothing held. Free text and strings are shown as they are. */
export function presentValue(field: PresentedField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (isDuration(field) && typeof value === 'number') return durationWords(value);
  switch (field.type) {
    case 'date':
      return dayWords(value);
    case 'datetime':
      return momentWords(value);
    case 'money':
      return typeof value === 'number' ? POUNDS.format(value) : String(value);
    case 'enum':
      return typeof value === 'string' ? valueWords(value) : String(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

const PARTS: Record<string, string> = {
  staff: 'a member of staff',
  other: 'someone involved',
};

/** Someone's part in a record, in a sentence: "household-member" → "a household member". */
export function partWords(part: string): string {
  const fixed = PARTS[part];
  if (fixed) return fixed;
  const words = idWords(part);
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}

/** Several parts joined: "a complainant and a witness". */
export function partsWords(parts: readonly string[]): string {
  const words = parts.map(partWords);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '');
}

/**
 * A record's own date, as held: the field its type's lifecycle names as when it happened (a
 * payment's posting day, a call's time), or undefined when the type names none or it is not held.
 * The day a record was added to Custos is often an import's, which tells a reader nothing.
 */
export function ownDateOf(
  type: Pick<RecordType, 'fields' | 'lifecycle'> | undefined,
  fields: Record<string, unknown>,
): { field: RecordType['fields'][number]; value: string } | undefined {
  const name = type?.lifecycle?.occurred;
  const field = name ? type.fields.find((f) => f.name === name) : undefined;
  const value = field ? fields[field.name] : undefined;
  return field && typeof value === 'string' && instant(value) ? { field, value } : undefined;
}

/** Newest first by the given instants (ISO strings or Dates), ties kept in their order. */
export function newestFirst<T>(items: readonly T[], when: (item: T) => string | Date): T[] {
  const time = (item: T) => instant(when(item))?.getTime() ?? 0;
  return items
    .map((item, i) => ({ item, i, t: time(item) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map((x) => x.item);
}
