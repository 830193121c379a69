/** Small plain-English helpers for change summaries. */
import type { PrivacyPromise } from '../../manifest/schema.ts';

/** "A", "B" and "C", each in quotes. */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}` : (quoted[0] ?? '');
}

const regions = new Intl.DisplayNames(['en-GB'], { type: 'region' });

/** "US" → "United States"; the code itself if the runtime does not know it. */
export function countryName(code: string): string {
  try {
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "pd:IPAddress" → "IP address": a DPV term as words, for people who do not read vocabularies. */
export function termWords(term: string): string {
  const local = term.slice(term.indexOf(':') + 1);
  const words = local.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return words
    .split(' ')
    .map((word, i) => (/^[A-Z]{2,}$/.test(word) || i === 0 ? word : word.toLowerCase()))
    .join(' ')
    .replace(/^[A-Z][a-z]/, (start) => start.toLowerCase());
}

/** What each promise says to people, for "we no longer promise that …". */
export const PROMISE_WORDS: Record<PrivacyPromise, string> = {
  'never-sell': 'we will never sell your personal data',
  'no-automated-decisions': 'we make no decisions about you by automated means alone',
  'no-transfers-outside-uk': 'your personal data stays in the UK',
  'no-marketing-without-consent': 'we send you marketing only with your consent',
  'no-special-category-without-condition': 'we use sensitive information only where the law allows it',
};

/** A short quotation of changed text, so a summary stays one readable line. */
export function excerpt(text: string, max = 80): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
