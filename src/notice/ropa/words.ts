/** Small wordings the record of processing shares: lists, retention rules and countries. */
import type { Manifest, RetentionRule } from '../../manifest/schema.ts';
import { retentionPeriodWords } from '../../manifest/words.ts';

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

const ACTION_WORDS: Record<RetentionRule['action'], string> = {
  erase: 'then erased',
  anonymise: 'then anonymised',
  review: 'then reviewed',
};

/** The rule's own words if it has them (they are what the notice says), else built from its parts. */
export function retentionInWords(manifest: Manifest, rule: RetentionRule): string {
  const schedule =
    rule.description ?? `${retentionPeriodWords(manifest, rule)}, ${ACTION_WORDS[rule.action]}`;
  return rule.basis ? `${schedule} (${rule.basis})` : schedule;
}

const regionNames = new Intl.DisplayNames(['en-GB'], { type: 'region' });

/** "US" → "United States (US)": the name for readers, the code for matching. */
export function countryName(code: string): string {
  const name = regionNames.of(code);
  return name && name !== code ? `${name} (${code})` : code;
}
