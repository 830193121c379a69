/**
 * The formats of what people give us, in one place: UK identifiers and contact details (checked
 * wherever a person's details are written, by the records module and by the import), and the
 * cleaning every piece of free text gets. A check returns the value as it is stored, or a reason
 * that names no value: what is being checked is personal data.
 */
import { z } from 'zod';

export type Checked = { value: string } | { problem: string };

/**
 * HMRC's National Insurance number format: two prefix letters, six digits, a suffix A–D.
 * D, F, I, Q, U and V are never used as the first letter; D, F, I, O, Q, U and V never as the
 * second; and the prefixes BG, GB, KN, NK, NT, TN and ZZ are not allocated.
 */
const NI = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;
/**
 * QQ breaks the letter rules, but HMRC uses it in its own examples (QQ 12 34 56 C) and never
 * issues it, so it is the one prefix made-up people can have without any chance of being a real
 * person's number. The demo and the examples use it; it is accepted for that reason alone.
 */
const EXAMPLE_NI = /^QQ\d{6}[A-D]$/;

/** A National Insurance number; spaces are allowed and dropped, letters upper-cased (AB123456C). */
export function niNumber(raw: string): Checked {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  return NI.test(value) || EXAMPLE_NI.test(value)
    ? { value }
    : { problem: 'is not a National Insurance number (two letters, six digits, then A, B, C or D)' };
}

/**
 * The outward code of a UK postcode, from the Government Data Standards pattern: A9, A99, AA9,
 * AA99, A9A or AA9A, where the second of two area letters is never I or Z. The inward code (the
 * last three characters) is a digit and two letters.
 */
const OUTWARD = /^([A-Z]\d{1,2}|[A-Z][A-HJ-Y]\d{1,2}|[A-Z]\d[A-Z]|[A-Z][A-HJ-Y]\d[A-Z])$/;
const INWARD = /^\d[A-Z]{2}$/;
/** British Forces Post Office numbers stand in for a postcode for forces families (BFPO 1234). */
const BFPO = /^BFPO(\d{1,4})$/;

/** A UK postcode (or a BFPO number), stored upper-case with one space: "bv12aa" is "BV1 2AA". */
export function postcode(raw: string): Checked {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  const bfpo = BFPO.exec(compact);
  if (bfpo) return { value: `BFPO ${bfpo[1]}` };
  if (compact === 'GIR0AA') return { value: 'GIR 0AA' };
  const outward = compact.slice(0, -3);
  const inward = compact.slice(-3);
  return OUTWARD.test(outward) && INWARD.test(inward)
    ? { value: `${outward} ${inward}` }
    : { problem: 'is not a UK postcode (like BV1 2AA) or a BFPO number' };
}

// zod's own address check: well kept, and already how the manifest and the portal check addresses.
const EMAIL = z.email().max(254);

/** An email address, trimmed; otherwise as written. */
export function email(raw: string): Checked {
  const value = raw.trim();
  return EMAIL.safeParse(value).success ? { value } : { problem: 'is not an email address' };
}

/**
 * A UK phone number: 10 or 11 digits starting 0, or +44 and the number without its 0. Spaces,
 * hyphens, dots and brackets are allowed, and so is "+44 (0)…". It is stored as written (trimmed):
 * people read numbers grouped, and finding people by phone compares digits anyway.
 */
export function ukPhone(raw: string): Checked {
  const value = raw.trim();
  const digits = value.replace(/[\s\-.()]/g, '').replace(/^\+440?/, '0');
  return /^0\d{9,10}$/.test(digits)
    ? { value }
    : { problem: 'is not a UK phone number (10 or 11 digits starting 0, or +44)' };
}

/** A Unique Property Reference Number: digits only, at most 12. */
export function uprn(raw: string): Checked {
  const value = raw.trim();
  return /^\d{1,12}$/.test(value) ? { value } : { problem: 'is not a UPRN (up to 12 digits)' };
}

/**
 * The person's detail fields whose format is checked, by field name, as lookup-tokens.ts names
 * them: the manifest gives their type (string) but not what kind of string they are.
 */
export const PROFILE_FORMATS: Readonly<Record<string, (raw: string) => Checked>> = {
  niNumber,
  postcode,
  email,
  phone: ukPhone,
};

/** The profile with each known identifier checked and normalised; the first problem is thrown by the caller. */
export function checkProfileFormats(
  profile: Record<string, unknown>,
): { profile: Record<string, unknown> } | { field: string; problem: string } {
  const out = { ...profile };
  for (const [field, check] of Object.entries(PROFILE_FORMATS)) {
    const raw = out[field];
    if (typeof raw !== 'string') continue;
    const r = check(raw);
    if ('problem' in r) return { field, problem: r.problem };
    out[field] = r.value;
  }
  return { profile: out };
}

/**
 * Unicode's bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
 * Invisible, they can make a resident's text display reversed or out of order on a staff page.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Free text with the bidirectional controls taken out. They are stripped rather than refused:
 * they come in innocently with text pasted from right-to-left languages, and a resident must not
 * be turned away for an invisible character; the words stay, and the Unicode algorithm still
 * orders them by their own letters. The direction marks (U+200E, U+200F) stay: they cannot
 * reverse a run of text.
 */
export function cleanText(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * Why text with a NUL character (U+0000) is refused. PostgreSQL cannot store it in text or JSON
 * (the server engine fails with an encoding error) while the embedded engine keeps it, so it is
 * refused before either sees it: both engines then behave the same, and the person is told which
 * field to correct. It is refused, not stripped: it never comes from typing, only from a broken
 * export or a probe, and silently changing such a value could hide the fault.
 */
export const UNSTORABLE = 'contains a character that cannot be stored';

/** Whether the text holds a character no engine can store (U+0000). */
export const hasUnstorable = (text: string): boolean => text.includes('\u0000');

/** Free text as it is stored (cleanText), or the reason it cannot be. */
export function freeText(raw: string): Checked {
  return hasUnstorable(raw) ? { problem: UNSTORABLE } : { value: cleanText(raw) };
}

/**
 * The path to the first string holding U+0000 in a value read from outside (a form, a query, a
 * JSON body, an import row), at any depth and in keys too; undefined when there is none.
 */
export function findUnstorable(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'string') return hasUnstorable(value) ? path : undefined;
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (hasUnstorable(key)) return [...path, key.replaceAll('\u0000', '')];
    const found = findUnstorable(inner, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
