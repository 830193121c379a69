/**
 * What the staff pages about representatives and rights intake share: the words for each kind of
 * representative and evidence, a representative as staff see it (with whether their authority
 * holds today), and the person the page is about, read through the gate for the rights purpose so
 * staff can confirm they have the right file.
 */
import { readPerson } from '../../records/people.ts';
import type { Call, Store } from '../../records/store.ts';
import type { IsoDate } from '../../rights/clock/index.ts';
import type {
  EvidenceKind,
  RepresentativeKind,
  RepresentativeView,
} from '../../rights/representatives/index.ts';
import { humanise, ukDate } from '../views.ts';
import { RIGHT_LABELS } from './rights-intake-form.ts';

export const KIND_WORDS: Record<RepresentativeKind, string> = {
  solicitor: 'Solicitor',
  advocate: 'Advocate',
  'family-member': 'Family member',
  mp: 'Member of Parliament',
  councillor: 'Councillor',
  carer: 'Carer',
  attorney: 'Attorney (lasting power of attorney)',
  deputy: 'Deputy appointed by the Court of Protection',
};

export const EVIDENCE_WORDS: Record<EvidenceKind, string> = {
  'written-authority': 'Written authority signed by the person',
  'lasting-power-of-attorney': 'Lasting power of attorney',
  'court-order': 'Court order',
  'verbal-recorded': 'Verbal consent, recorded',
};

type Status = { text: string; classes: string };

/** Whether the authority holds today by its evidence and dates (scope is judged per request). */
function statusToday(v: RepresentativeView, today: IsoDate): Status {
  if (v.ended && v.ended.on <= today) return { text: 'Ended', classes: 'govuk-tag--red' };
  if (!v.evidence) return { text: 'No evidence', classes: 'govuk-tag--red' };
  if (v.startsOn > today) return { text: 'Not started', classes: 'govuk-tag--grey' };
  if (v.expiresOn && v.expiresOn < today) return { text: 'Expired', classes: 'govuk-tag--red' };
  return { text: 'Current', classes: 'govuk-tag--green' };
}

export function presentRepresentative(v: RepresentativeView, today: IsoDate) {
  const who =
    'name' in v.agent
      ? [v.agent.name, v.agent.organisation].filter(Boolean).join(', ')
      : 'Another person on our records';
  return {
    id: v.id,
    who,
    kind: KIND_WORDS[v.kind] ?? humanise(v.kind),
    scope: v.scope.map((s) => (s === 'all' ? 'Every right' : RIGHT_LABELS[s].text)).join(', '),
    evidence: v.evidence ? `${EVIDENCE_WORDS[v.evidence.kind]} (${v.evidence.reference})` : 'None recorded',
    from: ukDate(v.startsOn),
    until: v.ended ? `Ended on ${ukDate(v.ended.on)}` : v.expiresOn ? ukDate(v.expiresOn) : 'No end date',
    endedOn: v.ended ? ukDate(v.ended.on) : null,
    /** Why it was ended (staff only; sealed in the register). */
    endReason: v.ended?.reason ?? null,
    /** Still standing, so staff may end it. */
    endable: !v.ended,
    status: statusToday(v, today),
  };
}
export type PresentedRepresentative = ReturnType<typeof presentRepresentative>;

/** The person's name and the details a caller would confirm, as the gate lets this call see them. */
export async function personHeading(store: Store, call: Call, personId: string) {
  const { profile } = await readPerson(store, call, personId);
  const text = (k: string) => (typeof profile[k] === 'string' ? profile[k] : undefined);
  const name = [text('givenName'), text('familyName')].filter(Boolean).join(' ') || 'This person';
  const rows = [
    ['Customer reference', text('customerRef')],
    ['Date of birth', text('dateOfBirth') && ukDate(text('dateOfBirth'))],
    ['Postcode', text('postcode')],
  ]
    .filter((r): r is [string, string] => Boolean(r[1]))
    .map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
  return { name, rows };
}
