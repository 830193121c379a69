/**
 * Redaction by default (uk-rules.md §1.3): every free-text field of every record in the pack is run
 * through findRedactions with the requester (never redacted) and the other people known to appear.
 */
import type { Profile } from '../../records/people.ts';
import { applyRedactions, findRedactions, type KnownPerson } from '../redaction/index.ts';
import type { PackRedaction } from './types.ts';

const FREE_TEXT = new Set(['text', 'string']);

export const isFreeText = (type: string): boolean => FREE_TEXT.has(type);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The names and identifiers by which a person may appear in free text, from their profile. */
export function knownPersonFrom(personId: string, profile: Profile): KnownPerson {
  const given = str(profile.givenName);
  const family = str(profile.familyName);
  const title = str(profile.title);
  const names = [
    [given, family].filter(Boolean).join(' '),
    title && family ? `${title} ${family}` : '',
  ].filter((n) => n.length > 0);
  const identifiers = ['niNumber', 'customerRef', 'email', 'phone', 'postcode']
    .map((f) => str(profile[f]))
    .filter((v): v is string => v !== undefined);
  return { personId, names, identifiers };
}

export interface RedactionSetting {
  requester: KnownPerson;
  knownPeople: readonly KnownPerson[];
}

/** The disclosed text of one field and the redactions made to it. */
export function redactField(
  text: string,
  recordId: string,
  field: string,
  setting: RedactionSetting,
): { value: string; redactions: PackRedaction[] } {
  const found = findRedactions(text, setting);
  return {
    value: applyRedactions(text, found),
    redactions: found.map((r) => ({
      recordId,
      field,
      start: r.start,
      end: r.end,
      kind: r.kind,
      reason: r.reason,
    })),
  };
}
