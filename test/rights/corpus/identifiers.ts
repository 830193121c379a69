/**
 * Synthetic UK identifiers for the redaction corpus. Every value is generated from a seeded PRNG:
 * none belongs to a real person.
 *
 * - NI numbers: format-valid under the HMRC prefix rules (uk-rules.md §9.1) so that the detector
 *   must accept them. HMRC's documentation example prefix QQ is NOT valid under those rules (Q is
 *   barred), so it cannot be used; these numbers are random and synthetic, not known allocations.
 * - NHS numbers: the 999 range, used by NHS test systems (believed never issued; see §9.2 for the
 *   mod-11 check, which every generated number passes).
 * - Phones: Ofcom drama ranges only, 07700 900xxx and 01632 960xxx (§9.4).
 * - Emails: @example.org / @example.invalid (reserved by RFC 2606 / 6761).
 * - Postcodes: real format and letter rules, random districts and units; synthetic.
 * - Sort codes / account numbers and driving licences: random, format-valid.
 */
import type { Rng } from './rng.ts';

const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ'.split('');
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ'.split('');
const NINO_UNUSED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ', 'OO', 'CR', 'FY', 'MW', 'NC']);

const digits = (r: Rng, n: number): string => Array.from({ length: n }, () => String(r.int(0, 9))).join('');

export function nino(r: Rng): string {
  let prefix = '';
  do prefix = r.pick(NINO_FIRST) + r.pick(NINO_SECOND);
  while (NINO_UNUSED.has(prefix));
  const d = digits(r, 6);
  const suffix = r.pick(['A', 'B', 'C', 'D']);
  return r.chance(0.7)
    ? `${prefix} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suffix}`
    : `${prefix}${d}${suffix}`;
}

export function nhsNumber(r: Rng): string {
  for (;;) {
    const d = '999' + digits(r, 6);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(d[i]) * (10 - i);
    let check = 11 - (sum % 11);
    if (check === 11) check = 0;
    if (check === 10) continue;
    const full = d + String(check);
    return r.chance(0.8) ? `${full.slice(0, 3)} ${full.slice(3, 6)} ${full.slice(6)}` : full;
  }
}

export function phone(r: Rng): string {
  const mobile = r.chance(0.65);
  const tail = digits(r, 3);
  if (mobile) {
    return r.pick([
      `07700 900${tail}`,
      `07700900${tail}`,
      `+44 7700 900${tail}`,
      `+44 (0)7700 900${tail}`,
      `07700 900 ${tail}`,
    ]);
  }
  return r.pick([`01632 960${tail}`, `(01632) 960${tail}`, `+44 1632 960${tail}`, `01632 960 ${tail}`]);
}

export function email(r: Rng, given: string, surname: string): string {
  const clean = (s: string): string => s.toLowerCase().replace(/[^a-z]/g, '');
  const local = r.pick([
    `${clean(given)}.${clean(surname)}`,
    `${clean(given)[0]}${clean(surname)}`,
    `${clean(surname)}${r.int(1, 99)}`,
  ]);
  return `${local}@${r.pick(['example.org', 'example.invalid', 'mail.example.org'])}`;
}

const AREAS = [
  'LS',
  'BD',
  'HX',
  'WF',
  'HD',
  'S',
  'M',
  'B',
  'L',
  'NE',
  'SE',
  'N',
  'E',
  'CR',
  'BS',
  'NG',
  'LE',
  'CF',
  'SA',
  'G',
  'EH',
];
const UNIT = 'ABDEFGHJLNPQRSTUWXYZ'.split('');

export function postcode(r: Rng): string {
  const area = r.pick(AREAS);
  const district = String(r.int(1, 29));
  return `${area}${district} ${r.int(0, 9)}${r.pick(UNIT)}${r.pick(UNIT)}`;
}

export function sortCode(r: Rng): string {
  return `${digits(r, 2)}-${digits(r, 2)}-${digits(r, 2)}`;
}

export function accountNumber(r: Rng): string {
  return String(r.int(1, 9)) + digits(r, 7);
}

export function drivingLicence(r: Rng, given: string, surname: string): string {
  const letters = surname
    .toUpperCase()
    .replace(/[^A-Z]/g, '')
    .slice(0, 5)
    .padEnd(5, '9');
  const year = r.int(1950, 2004);
  const female = r.chance(0.5);
  const month = r.int(1, 12) + (female ? 50 : 0);
  const day = r.int(1, 28);
  const initials = (given.toUpperCase().replace(/[^A-Z]/g, '')[0] ?? '9') + '9';
  const check = r.pick('ABCDEFGHJKLMNPRSTUVWXYZ'.split('')) + r.pick('ABCDEFGHIJ0123456789'.split(''));
  return `${letters}${String(year).slice(2, 3)}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(year).slice(3)}${initials}9${check}`;
}
