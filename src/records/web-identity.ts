/**
 * Matching someone who registers for the residents' portal to a person on file: their customer
 * reference finds the candidates (through the keyed lookup, audited), and their date of birth and
 * postcode must match the details held (read through the gate, audited). Custos itself (a system
 * actor) does the matching, for the purpose under which people's rights are handled, because the
 * portal exists so people can see their data. A failed match says nothing about which detail was
 * wrong, nor why: a person the gate will not read (their processing is restricted, Art. 18) is no
 * match, so a customer reference alone never tells a stranger that its owner is in a dispute.
 */
import { AccessDenied } from './errors.ts';
import { findPeople } from './find-people.ts';
import { readPerson } from './people.ts';
import type { Call, Store } from './store.ts';

export interface IdentityClaim {
  customerRef: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  postcode: string;
}

export const PORTAL_MATCHER = 'custos-portal-registration';

const samePostcode = (a: unknown, b: string) =>
  typeof a === 'string' && a.replace(/\s+/g, '').toUpperCase() === b.replace(/\s+/g, '').toUpperCase();

/** The one person the claim identifies, or undefined when none (or, oddly, several) match. */
export async function matchPerson(
  store: Store,
  controllerId: string,
  purpose: string,
  claim: IdentityClaim,
): Promise<string | undefined> {
  const call: Call = {
    actor: { id: PORTAL_MATCHER, kind: 'system', controllerId, roles: [] },
    purpose,
    channel: 'portal',
  };
  const candidates = await findPeople(store, call, controllerId, 'customer-ref', claim.customerRef);
  const matches: string[] = [];
  for (const id of candidates) {
    const person = await readPerson(store, call, id).catch((error: unknown) => {
      if (error instanceof AccessDenied) return undefined; // refused and audited; no match
      throw error;
    });
    if (
      person &&
      person.profile.dateOfBirth === claim.dateOfBirth &&
      samePostcode(person.profile.postcode, claim.postcode)
    )
      matches.push(id);
  }
  return matches.length === 1 ? matches[0] : undefined;
}
