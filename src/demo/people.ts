/**
 * Synthetic people. Names come from faker's en_GB locale; every identifier is of a form that can
 * never reach a real person: phone numbers from Ofcom's range for drama (07700 900000–900999),
 * emails at example.invalid or example.org (reserved, RFC 2606/6761), National Insurance numbers
 * with the QQ prefix (never issued).
 */
import type { Profile } from '../records/people.ts';
import { isoDay, YEAR } from './dates.ts';
import type { Rng } from './random.ts';
import { ELSEWHERE, POSTCODE_LETTERS } from './words.ts';

export type Sex = 'female' | 'male';

/** Who someone is, before they become a profile. */
export interface Identity {
  sex: Sex;
  givenName: string;
  familyName: string;
  /** Day number of their birth. */
  born: number;
}

export function identity(rng: Rng, born: number, familyName?: string, sex?: Sex): Identity {
  const s = sex ?? rng.pick(['female', 'male'] as const);
  return {
    sex: s,
    givenName: rng.faker.person.firstName(s),
    familyName: familyName ?? rng.faker.person.lastName(),
    born,
  };
}

/** Born `min` to `max` whole years before `day`. */
export function bornAged(rng: Rng, day: number, min: number, max: number): number {
  return day - rng.int(min * YEAR, max * YEAR + YEAR - 1);
}

export const phone = (rng: Rng) => `07700 900${rng.digits(3)}`;
export const niNumber = (rng: Rng) => `QQ${rng.digits(6)}${rng.pick(['A', 'B', 'C', 'D'])}`;

function email(rng: Rng, who: Identity): string {
  const ascii = (s: string) =>
    s
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  const domain = rng.chance(0.8) ? 'example.invalid' : 'example.org';
  return `${ascii(who.givenName)}.${ascii(who.familyName)}${rng.int(1, 99)}@${domain}`;
}

function title(rng: Rng, who: Identity): string {
  if (rng.chance(0.02)) return 'Mx';
  if (who.sex === 'male') return 'Mr';
  return rng.weighted([
    ['Mrs', 4],
    ['Ms', 4],
    ['Miss', 2],
  ]);
}

export interface Contact {
  address: string;
  postcode: string;
}

/** An adult's profile; `withContact` is the chance each contact detail is known. */
export function adultProfile(
  rng: Rng,
  who: Identity,
  home: Contact,
  extra: { customerRef?: string; withContact?: number; withNi?: number } = {},
): Profile {
  const known = extra.withContact ?? 0.8;
  const profile: Profile = {
    title: title(rng, who),
    givenName: who.givenName,
    familyName: who.familyName,
    dateOfBirth: isoDay(who.born),
  };
  if (rng.chance(extra.withNi ?? 0.9)) profile.niNumber = niNumber(rng);
  if (extra.customerRef) profile.customerRef = extra.customerRef;
  if (rng.chance(known * 0.85)) profile.email = email(rng, who);
  if (rng.chance(known)) profile.phone = phone(rng);
  profile.address = home.address;
  profile.postcode = home.postcode;
  return profile;
}

export function childProfile(who: Identity, home: Contact): Profile {
  return {
    givenName: who.givenName,
    familyName: who.familyName,
    dateOfBirth: isoDay(who.born),
    address: home.address,
    postcode: home.postcode,
  };
}

/** An address outside our stock, for applicants and neighbours who are not our residents. */
export function elsewhere(rng: Rng): Contact {
  const letters = `${rng.pick(POSTCODE_LETTERS)}${rng.pick(POSTCODE_LETTERS)}`;
  return {
    address: `${rng.int(1, 220)} ${rng.faker.location.street()}, ${ELSEWHERE.town}`,
    postcode: `${ELSEWHERE.district} ${rng.int(1, 9)}${letters}`,
  };
}
