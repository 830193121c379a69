/** Small wordings the record of processing shares: lists, periods, triggers and countries. */
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest, RetentionRule } from '../../manifest/schema.ts';

/** Short names in one cell, e.g. the categories of individuals. */
export function listCell(items: readonly string[], empty: string): string {
  return items.length > 0 ? items.join('; ') : empty;
}

/** Statements in one cell, one a line: spreadsheets wrap them, readers scan them. */
export function linesCell(items: readonly string[], empty: string): string {
  return items.length > 0 ? items.join('\n') : empty;
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

const DATE_UNITS = { Y: 'year', M: 'month', W: 'week', D: 'day' } as const;
const TIME_UNITS = { H: 'hour', M: 'minute', S: 'second' } as const;

function unitWords(part: string, units: Record<string, string>): string[] {
  return [...part.matchAll(/(\d+)([A-Z])/g)].map(([, n, unit]) => {
    const word = units[unit ?? ''] ?? unit;
    return `${n} ${word}${n === '1' ? '' : 's'}`;
  });
}

/** "P1Y6M" → "1 year and 6 months"; the schema has already checked the duration's form. */
export function periodInWords(period: string): string {
  const [datePart = '', timePart = ''] = period.slice(1).split('T');
  const words = [...unitWords(datePart, DATE_UNITS), ...unitWords(timePart, TIME_UNITS)];
  if (words.length <= 1) return words[0] ?? period;
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const TRIGGER_WORDS: Record<string, string> = {
  'record-created': 'the record is created',
  'record-occurred': 'the recorded event',
  'record-closed': 'the record is closed',
  'record-ended': 'the record ends',
  'case-closed': 'the case is closed',
  'tenancy-ended': 'the tenancy ends',
  'customer-relationship-ended': 'the customer relationship ends',
  'application-declined': 'the application is declined',
  'application-withdrawn': 'the application is withdrawn',
  'job-completed': 'the job is completed',
  'employment-ended': 'employment ends',
  'lease-ended': 'the lease ends',
  'consent-withdrawn': 'consent is withdrawn',
};

export function triggerInWords(manifest: Manifest, trigger: string): string {
  if (trigger.startsWith('event:')) {
    const event = lookup(manifest).events.get(trigger.slice('event:'.length));
    return `the event "${event?.name ?? trigger.slice('event:'.length)}"`;
  }
  return TRIGGER_WORDS[trigger] ?? trigger;
}

const ACTION_WORDS: Record<RetentionRule['action'], string> = {
  erase: 'then erased',
  anonymise: 'then anonymised',
  review: 'then reviewed',
};

/** The rule's own words if it has them (they are what the notice says), else built from its parts. */
export function retentionInWords(manifest: Manifest, rule: RetentionRule): string {
  const schedule =
    rule.description ??
    `${periodInWords(rule.period)} after ${triggerInWords(manifest, rule.trigger)}, ${ACTION_WORDS[rule.action]}`;
  return rule.basis ? `${schedule} (${rule.basis})` : schedule;
}

const regionNames = new Intl.DisplayNames(['en-GB'], { type: 'region' });

/** "US" → "United States (US)": the name for readers, the code for matching. */
export function countryName(code: string): string {
  const name = regionNames.of(code);
  return name && name !== code ? `${name} (${code})` : code;
}
