/**
 * Detectors for UK structured identifiers in free text (uk-rules.md §9): pattern first, then the
 * checksum or letter rules where one exists, so that a near miss (a mistyped NHS number, a
 * "postcode" with a Q in the first position) is not reported. Pure functions; no I/O.
 */

export type IdentifierKind =
  | 'ni-number'
  | 'nhs-number'
  | 'postcode'
  | 'phone'
  | 'email'
  | 'sort-code'
  | 'bank-account-number'
  | 'driving-licence';

export interface IdentifierFinding {
  kind: IdentifierKind;
  /** Offset of the first character (UTF-16 code units, as String.prototype.slice). */
  start: number;
  /** Offset one past the last character. */
  end: number;
  text: string;
}

/** Human labels used in placeholders, e.g. "[redacted: NI number]". */
export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  'ni-number': 'NI number',
  'nhs-number': 'NHS number',
  postcode: 'postcode',
  phone: 'phone number',
  email: 'email address',
  'sort-code': 'sort code',
  'bank-account-number': 'bank account number',
  'driving-licence': 'driving licence number',
};

const compact = (s: string): string => s.replace(/[\s()-]/g, '').toUpperCase();

// ---------------------------------------------------------------------------------------------
// NI number (§9.1)

const NINO_PREFIX_UNUSED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NINO_RE = /^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;

/** True when `s` (spaces tolerated, any case) is a NINO under the HMRC prefix rules. */
export function isValidNino(s: string): boolean {
  const n = compact(s);
  return NINO_RE.test(n) && !NINO_PREFIX_UNUSED.has(n.slice(0, 2));
}

// ---------------------------------------------------------------------------------------------
// NHS number (§9.2)

/** True when `s` is 10 digits (spaces or hyphens tolerated) with a valid modulus 11 check digit. */
export function isValidNhsNumber(s: string): boolean {
  const d = s.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === Number(d[9]);
}

// ---------------------------------------------------------------------------------------------
// Postcode (§9.3)

const PC_FIRST = 'A-PR-UWYZ'; // never Q, V, X
const PC_SECOND = 'A-HK-Y'; // never I, J, Z
const PC_THIRD = 'ABCDEFGHJKSTUW'; // ANA
// AANA fourth-position set: from Royal Mail's published rules; uk-rules.md marks it UNCERTAIN.
const PC_FOURTH = 'ABEHMNPRVWXY';
const PC_UNIT = 'ABD-HJLNP-UW-Z'; // never C, I, K, M, O, V
const POSTCODE_FULL_RE = new RegExp(
  '^(?:' +
    [
      `[${PC_FIRST}]\\d{1,2}`, // AN, ANN
      `[${PC_FIRST}][${PC_SECOND}]\\d{1,2}`, // AAN, AANN
      `[${PC_FIRST}]\\d[${PC_THIRD}]`, // ANA
      `[${PC_FIRST}][${PC_SECOND}]\\d[${PC_FOURTH}]`, // AANA
    ].join('|') +
    `) ?\\d[${PC_UNIT}]{2}$`,
);

/** True when `s` (any case, one optional space) is a full UK postcode under the format and letter rules. */
export function isValidPostcode(s: string): boolean {
  const p = s.trim().toUpperCase().replace(/\s+/g, ' ');
  return p === 'GIR 0AA' || p === 'GIR0AA' || POSTCODE_FULL_RE.test(p);
}

// ---------------------------------------------------------------------------------------------
// Telephone (§9.4)

/**
 * True when the national significant number (digits after the 0 / +44) is a plausible UK number:
 * 10 digits with an allocated leading digit (1, 2, 3, 5, 7, 8, 9), or 9 digits for a legacy 01.
 */
export function isPlausibleUkNsn(nsn: string): boolean {
  if (!/^\d+$/.test(nsn)) return false;
  if (nsn.length === 10) return /^[1235789]/.test(nsn);
  if (nsn.length === 9) return nsn.startsWith('1');
  return false;
}

/** True when `s` is a UK phone number written nationally (0…) or internationally (+44 …, +44 (0) …). */
export function isValidUkPhone(s: string): boolean {
  const t = s.replace(/[\s().-]/g, '');
  if (t.startsWith('+440')) return isPlausibleUkNsn(t.slice(4));
  if (t.startsWith('+44')) return isPlausibleUkNsn(t.slice(3));
  if (t.startsWith('0044')) return isPlausibleUkNsn(t.slice(4));
  if (t.startsWith('0')) return isPlausibleUkNsn(t.slice(1));
  return false;
}

// A run of digit groups that starts like a UK number; groups are checked one by one below.
const PHONE_CANDIDATE_RE =
  /(?<![\w+/.-])(\+44[ -]?(?:\(0\)[ -]?)?|0044[ -]?|\(0|0)(\d+\)?(?:[ -]\(?\d+\)?)*)/g;

function findPhones(text: string): IdentifierFinding[] {
  const out: IdentifierFinding[] = [];
  for (const m of text.matchAll(PHONE_CANDIDATE_RE)) {
    const start = m.index;
    const prefix = m[1] ?? '';
    // Walk the groups, keeping the longest prefix of groups that is a plausible number.
    const body = m[2] ?? '';
    let digits = '';
    let best = -1;
    let pos = 0;
    for (const g of body.matchAll(/[ -]?\(?(\d+)\)?/g)) {
      digits += g[1];
      pos = (g.index ?? 0) + g[0].length;
      if (digits.length > 10) break;
      if (isPlausibleUkNsn(digits) && (digits.length === 10 || digits.length === 9)) best = pos;
    }
    if (best < 0) continue;
    const end = start + prefix.length + best;
    const after = text[end];
    if (after !== undefined && /\d/.test(after)) continue;
    out.push({ kind: 'phone', start, end, text: text.slice(start, end) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Driving licence (§9.6): loose pattern plus month/day sanity; check characters are UNCERTAIN.

const DL_RE = /^[A-Z9]{5}\d[0156]\d[0-3]\d\d[A-Z9]{2}\d[A-Z0-9]{2}$/;

/** True when `s` matches the GB licence layout with a real month (01–12 or 51–62) and day (01–31). */
export function isPlausibleDrivingLicence(s: string): boolean {
  const d = compact(s);
  if (!DL_RE.test(d) || !/[A-Z]/.test(d.slice(0, 5))) return false;
  // The surname field is letters padded with 9s: no letter after a 9.
  if (/9[A-Z]/.test(d.slice(0, 5))) return false;
  const month = Number(d.slice(6, 8));
  const m = month > 50 ? month - 50 : month;
  const day = Number(d.slice(8, 10));
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

// ---------------------------------------------------------------------------------------------
// Sort codes and account numbers (§9.5). No modulus check: the Vocalink tables are per bank.

const SORT_CODE_RE = /(?<![\d-])(\d{2})([- ]?)(\d{2})\2(\d{2})(?![\d-])/g;
const ACCOUNT_RE = /(?<![\d-])\d{8}(?![\d-])|(?<![\d-])\d{6,10}(?![\d-])/g;
const SORT_CONTEXT_RE = /\b(?:sort[\s-]*code|s\/c)\b[\s:.-]*(?:is|was|of)?[\s:]*$/i;
const ACCOUNT_CONTEXT_RE = /\b(?:account|acc|a\/c)(?:\s*(?:no|number|num|#))?\.?[\s:]*(?:is|was)?[\s:]*$/i;

function findBankDetails(text: string): IdentifierFinding[] {
  const out: IdentifierFinding[] = [];
  const sortCodes: IdentifierFinding[] = [];
  for (const m of text.matchAll(SORT_CODE_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 30), start);
    const hyphenated = m[2] === '-';
    const labelled = SORT_CONTEXT_RE.test(before);
    // A bare hyphenated 6-digit group right next to an 8-digit number: "12-34-56 12345678".
    const pairedBare = hyphenated && /^[\s,/]+\d{8}(?!\d)/.test(text.slice(end, end + 12));
    if (labelled || pairedBare) sortCodes.push({ kind: 'sort-code', start, end, text: m[0] });
  }
  out.push(...sortCodes);
  for (const m of text.matchAll(ACCOUNT_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (sortCodes.some((s) => s.start === start)) continue;
    const before = text.slice(Math.max(0, start - 30), start);
    const labelled =
      ACCOUNT_CONTEXT_RE.test(before) &&
      !/\b(?:rent|tenancy|council tax|payment)\s+(?:account|acc|a\/c)/i.test(before);
    // Only a pair counts: a sort code within 60 characters either side.
    const near = sortCodes.some((s) => Math.abs(s.start - start) <= 60);
    if (near && (labelled || m[0].length === 8)) {
      out.push({ kind: 'bank-account-number', start, end, text: m[0] });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const NINO_CANDIDATE_RE = /(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?![A-Za-z0-9])/g;
const NHS_CANDIDATE_RE = /(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])/g;
const POSTCODE_CANDIDATE_RE =
  /(?<![A-Za-z0-9])(?:GIR ?0AA|[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2})(?![A-Za-z0-9])/g;
const EMAIL_RE =
  /(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}/g;
const DL_CANDIDATE_RE = /(?<![A-Za-z0-9])[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z0-9]{2}(?![A-Za-z0-9])/g;

function byPattern(
  text: string,
  re: RegExp,
  kind: IdentifierKind,
  valid: (s: string) => boolean,
): IdentifierFinding[] {
  const out: IdentifierFinding[] = [];
  for (const m of text.matchAll(re)) {
    if (valid(m[0])) out.push({ kind, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/**
 * Every structured identifier in `text`, sorted by start. Findings of different kinds may overlap
 * (callers merge); within a kind they do not.
 */
export function findIdentifiers(text: string): IdentifierFinding[] {
  const findings = [
    ...byPattern(text, NINO_CANDIDATE_RE, 'ni-number', (s) => isValidNino(s) && /^[A-Z]{2}/.test(s)),
    ...byPattern(text, NHS_CANDIDATE_RE, 'nhs-number', isValidNhsNumber),
    ...byPattern(text, POSTCODE_CANDIDATE_RE, 'postcode', isValidPostcode),
    ...findPhones(text),
    ...byPattern(text, EMAIL_RE, 'email', () => true),
    ...findBankDetails(text),
    ...byPattern(text, DL_CANDIDATE_RE, 'driving-licence', isPlausibleDrivingLicence),
  ];
  // An NHS-shaped 10-digit run that is really part of a phone number is the phone's.
  const phones = findings.filter((f) => f.kind === 'phone');
  return findings
    .filter((f) => f.kind !== 'nhs-number' || !phones.some((p) => p.start <= f.start && f.end <= p.end))
    .sort((a, b) => a.start - b.start || b.end - a.end);
}
