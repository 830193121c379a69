/**
 * Templates for the synthetic corpus: the kinds of text a social landlord's SAR search turns up.
 * Each mixes third-party mentions with the requester's own data and with distractors the detectors
 * must leave alone (street names, organisations, months, dates, amounts, rent references).
 */
import type { DocBuilder, World } from './generate.ts';
import type { Rng } from './rng.ts';

export type DocType = 'case-note' | 'contact-log' | 'email';

export interface Template {
  name: string;
  type: DocType;
  build(b: DocBuilder, w: World, r: Rng): void;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ORGS = [
  'Leeds City Council',
  'the Housing Ombudsman',
  'Environmental Health',
  'West Yorkshire Police',
  'Citizens Advice',
  'Adult Social Care',
  'the Universal Credit team',
  'Northfield Housing Association',
];
/**
 * Capitalised phrases that are not people: the traps for a name detector. Some are deliberately
 * hard (Hyde Park, Tesco Express, Ring Doorbell) so that precision is measured honestly.
 */
const DISTRACTORS = [
  'The Anti-Social Behaviour Team will review the Ring Doorbell footage.',
  'Housing Benefit and Council Tax Support were checked.',
  'A Section 21 Notice is not relevant; this is an Assured Tenancy.',
  'Gas Safety Certificate is in date; Fire Risk Assessment due.',
  'She was at Hyde Park with her children.',
  'Parcel left with Royal Mail; British Gas engineer also attended.',
  'Shopping at Tesco Express on the corner.',
  'Sent directions via Google Maps and WhatsApp.',
  'Office closed for Christmas Eve and the Bank Holiday Monday.',
  'Referred to Victim Support and the Local Authority.',
  'Hospital appointment at St James University Hospital.',
  'Train to Manchester Piccadilly was delayed.',
  'Form signed under the Tenancy Agreement, Clause 4.',
  'Noise App recordings uploaded.',
];
const distract = (b: DocBuilder, r: Rng): void => {
  if (r.chance(0.6)) b.t(' ' + r.pick(DISTRACTORS));
};
const date = (r: Rng): string => `${r.int(1, 28)} ${r.pick(MONTHS)} ${r.int(2019, 2025)}`;
const numDate = (r: Rng): string =>
  `${String(r.int(1, 28)).padStart(2, '0')}/${String(r.int(1, 12)).padStart(2, '0')}/${r.int(2019, 2025)}`;
const dashDate = (r: Rng): string =>
  `${String(r.int(1, 28)).padStart(2, '0')}-${String(r.int(1, 12)).padStart(2, '0')}-${r.int(19, 25)}`;
const time = (r: Rng): string => `${r.int(8, 22)}:${r.pick(['00', '15', '30', '45'])}`;
const money = (r: Rng): string => `£${r.int(20, 2400)}.${r.pick(['00', '50', '37', '12'])}`;
const rentRef = (r: Rng): string => `${r.int(10000000, 99999999)}`;
const jobRef = (r: Rng): string => `JOB-${r.int(100000, 999999)}`;
const addr = (w: World): string => `${w.house} ${w.street}`;
const neighbourAddr = (w: World, r: Rng): string => `${w.house + r.pick([1, 2, -1])} ${w.street}`;

export const TEMPLATES: Template[] = [
  {
    name: 'asb-complaint',
    type: 'case-note',
    build(b, w, r) {
      b.t(`Case note ${numDate(r)}. `)
        .name(w.requester)
        .t(` of ${addr(w)}, `)
        .id(w.requester, 'postcode');
      b.t(
        ` reported loud music from ${neighbourAddr(w, r)} until ${time(r)} on ${date(r)}. She named the occupant as `,
      );
      b.name(w.neighbour, 'full').t('. ');
      b.t('Witness ').name(w.witness, 'full').t(' (tel ').id(w.witness, 'phone').t(') confirmed the noise. ');
      b.t(`Referred to ${r.pick(ORGS)} on ${date(r)}. `)
        .name(w.officer)
        .t(' to visit in ')
        .t(r.pick(MONTHS))
        .t('.');
      distract(b, r);
    },
  },
  {
    name: 'neighbour-dispute',
    type: 'case-note',
    build(b, w, r) {
      b.t('Neighbour dispute. ')
        .name(w.neighbour, 'title')
        .t(' says ')
        .name(w.requester)
        .t(`'s visitors park across her drive on ${w.otherStreet}. `);
      b.t('Her son-in-law ')
        .name(w.visitor, 'full')
        .t(' also complained by email from ')
        .id(w.visitor, 'email')
        .t('. ');
      b.name(w.requester, 'given')
        .t(' disputes this and gave ')
        .name(w.witness, 'title')
        .t(` at ${w.house + 3} ${w.street} as a witness. `);
      b.t(`Mediation offered via ${r.pick(ORGS)}. Next review ${date(r)}.`);
      distract(b, r);
    },
  },
  {
    name: 'disrepair',
    type: 'case-note',
    build(b, w, r) {
      b.t(`Disrepair claim received ${date(r)} from solicitors acting for `)
        .name(w.requester, 'full')
        .t(' (NI ')
        .id(w.requester, 'ni-number')
        .t('). ');
      b.t(`Damp and mould in rear bedroom at ${addr(w)}. Surveyor `)
        .name(w.officer, 'full')
        .t(` inspected on ${numDate(r)}. `);
      b.t('Contractor operative ')
        .name(w.visitor, 'full')
        .t(` attended, job ref ${jobRef(r)}. `);
      b.t('Upstairs tenant ')
        .name(w.neighbour, 'title')
        .t(' (')
        .id(w.neighbour, 'phone')
        .t(`) reported a leak in ${r.pick(MONTHS)}.`);
      distract(b, r);
    },
  },
  {
    name: 'rent-arrears',
    type: 'case-note',
    build(b, w, r) {
      b.t(`Arrears of ${money(r)} on rent account ${rentRef(r)}. `)
        .name(w.requester)
        .t(` says her Universal Credit payment of ${money(r)} was late. `);
      b.t('Agreed direct debit from sort code ')
        .id(w.requester, 'sort-code')
        .t(' account number ')
        .id(w.requester, 'bank-account-number')
        .t('. ');
      b.t('Her partner ')
        .name(w.witness, 'full')
        .t(' paid ')
        .t(money(r))
        .t(' from his account, sort code ')
        .id(w.witness, 'sort-code')
        .t(', account ')
        .id(w.witness, 'bank-account-number')
        .t('. ');
      b.t('Income Officer ')
        .name(w.officer, 'full')
        .t(` to review on ${dashDate(r)}.`);
      distract(b, r);
    },
  },
  {
    name: 'repairs-appointment',
    type: 'contact-log',
    build(b, w, r) {
      b.t(`${numDate(r)} ${time(r)} inbound call. `)
        .name(w.requester, 'title')
        .t(' rang from ')
        .id(w.requester, 'phone')
        .t(` to book a repair at ${addr(w)}. `);
      b.t(`Appointment ${date(r)} AM, ${jobRef(r)}. Access via neighbour `)
        .name(w.neighbour)
        .t(' if not home. ');
      b.t('Call taken by ').name(w.officer, 'given').t('.');
      distract(b, r);
    },
  },
  {
    name: 'safeguarding-call',
    type: 'contact-log',
    build(b, w, r) {
      b.t(`Call ${time(r)} ${numDate(r)}: anonymous caller, later gave name as `)
        .name(w.witness, 'full')
        .t(', mobile ')
        .id(w.witness, 'phone')
        .t(', ');
      b.t('said ').name(w.requester, 'full').t(` was shouting at ${w.house} ${w.street}. `);
      b.t('Caller lives at ')
        .id(w.witness, 'postcode')
        .t('. Passed to ')
        .name(w.officer, 'full')
        .t(` and ${r.pick(ORGS)}.`);
      distract(b, r);
    },
  },
  {
    name: 'email-from-tenant',
    type: 'email',
    build(b, w, r) {
      b.t('From: ')
        .id(w.requester, 'email')
        .t('\nTo: ')
        .id(w.officer, 'email')
        .t(`\nDate: ${date(r)}\nSubject: Noise from next door\n\n`);
      b.t('Dear ')
        .name(w.officer, 'given')
        .t(`,\n\nThe people at ${neighbourAddr(w, r)} are at it again. `)
        .name(w.neighbour, 'title')
        .t(`'s boyfriend `);
      b.name(w.visitor, 'full')
        .t(` was banging on my door at ${time(r)}. My friend `)
        .name(w.witness, 'full')
        .t(' saw it and you can ring her on ')
        .id(w.witness, 'phone')
        .t('.\n\n');
      b.t('Thanks,\n').name(w.requester, 'full').t('\n').id(w.requester, 'phone');
      distract(b, r);
    },
  },
  {
    name: 'email-from-officer',
    type: 'email',
    build(b, w, r) {
      b.t('From: ')
        .id(w.officer, 'email')
        .t('\nTo: ')
        .id(w.requester, 'email')
        .t(`\nSubject: Your complaint ref ${jobRef(r)}\n\n`);
      b.t('Dear ')
        .name(w.requester, 'title')
        .t(`,\n\nThank you for your call on ${date(r)}. I have spoken to `)
        .name(w.neighbour, 'full');
      b.t(
        ` and to ${r.pick(ORGS)}. A letter has gone to ${w.otherStreet} and we will review in ${r.pick(MONTHS)}.\n\nKind regards\n`,
      );
      b.name(w.officer, 'full').t('\nNeighbourhood Officer, Northfield Housing');
      distract(b, r);
    },
  },
  {
    name: 'identity-check',
    type: 'case-note',
    build(b, w, r) {
      b.t(`Right to rent / ID check ${numDate(r)}. `)
        .name(w.requester, 'full')
        .t(': NHS ')
        .id(w.requester, 'nhs-number')
        .t(', licence ')
        .id(w.requester, 'driving-licence')
        .t('. ');
      b.t('Lodger ')
        .name(w.visitor, 'full')
        .t(' gave NI ')
        .id(w.visitor, 'ni-number')
        .t(' and driving licence ')
        .id(w.visitor, 'driving-licence')
        .t('. ');
      b.t('Household member ')
        .name(w.neighbour, 'full')
        .t(' NHS number ')
        .id(w.neighbour, 'nhs-number')
        .t(`. Checked by `)
        .name(w.officer, 'title')
        .t('.');
      distract(b, r);
    },
  },
  {
    name: 'asb-diary',
    type: 'case-note',
    build(b, w, r) {
      b.t('Noise diary returned by ')
        .name(w.requester)
        .t(`. Entries for ${r.pick(MONTHS)} and ${r.pick(MONTHS)}. `);
      b.t('Alleged perpetrator ')
        .name(w.neighbour, 'full')
        .t(` (${neighbourAddr(w, r)}). `);
      b.t('Second complainant ')
        .name(w.witness, 'title')
        .t(' of ')
        .id(w.witness, 'postcode')
        .t(' email ')
        .id(w.witness, 'email')
        .t('. ');
      b.t(`PCSO ref ${r.int(1000, 9999)}/${r.int(19, 25)}. Case closed ${dashDate(r)} by `)
        .name(w.officer)
        .t('.');
      distract(b, r);
    },
  },
  {
    name: 'welfare-visit',
    type: 'contact-log',
    build(b, w, r) {
      b.t(`Welfare visit ${date(r)} to ${addr(w)}. `)
        .name(w.requester, 'full')
        .t(' present with her carer ')
        .name(w.visitor, 'full')
        .t(' (')
        .id(w.visitor, 'phone')
        .t('). ');
      b.t('Carer works for an agency, contact ')
        .id(w.visitor, 'email')
        .t(`. Rent balance ${money(r)}. `);
      if (r.chance(0.25)) b.t('Contact centre 0113 496 0000 given for out of hours. ');
      b.t('Visiting officer ').name(w.officer, 'given').t('.');
      distract(b, r);
    },
  },
  {
    name: 'complaint-stage-1',
    type: 'case-note',
    build(b, w, r) {
      b.t('Stage 1 complaint from ')
        .name(w.requester, 'title')
        .t(' (')
        .id(w.requester, 'email')
        .t(`) about repairs delays since ${r.pick(MONTHS)}. `);
      b.t('She says operative ')
        .name(w.visitor, 'full')
        .t(' was rude and that neighbour ')
        .name(w.neighbour, 'given')
        .t(' took photos. ');
      b.t(`Response due ${dashDate(r)}. Escalation route: the Housing Ombudsman. Handler `)
        .name(w.officer, 'full')
        .t(', ')
        .id(w.officer, 'phone')
        .t('.');
      distract(b, r);
    },
  },
];
