/**
 * Homes and the households that have lived in them. Each property has had one to three
 * households in turn, counted back from the reference day: most of the latest are still there,
 * every earlier one has ended, so tenancies end at many different dates over the last fifteen
 * years or so and retention has work to do. Households have sole or joint tenants, partners,
 * children, the odd lodger or carer, and former members who have moved out.
 */
import { RELATIONSHIPS } from '../records/batch.ts';
import { dayBetween, isoDay, YEAR } from './dates.ts';
import { adultProfile, bornAged, childProfile, identity, type Contact, type Identity } from './people.ts';
import type { Ctx } from './plan.ts';
import type { Rng } from './random.ts';
import { AREAS, BLOCK_NAMES, PATCHES, POSTCODE_LETTERS, type Patch } from './words.ts';

export interface Resident {
  id: string;
  tenant: boolean;
  /** Whether they are 18 or over on the reference day. */
  adult: boolean;
  /** Day they moved out, if they have. */
  left?: number;
}

export interface Home {
  householdId: string;
  propertyId: string;
  tenancyId: string;
  patch: Patch;
  /** Which street of the chunk: neighbours share one. */
  street: number;
  contact: Contact;
  start: number;
  end?: number;
  lead: Resident;
  tenants: Resident[];
  residents: Resident[];
  weeklyRent: number;
  bedrooms: number;
}

interface Street {
  name: string;
  patch: Patch;
  postcode: string;
  block: boolean;
  next: number;
}

interface Draft {
  who: Identity;
  relationship: (typeof RELATIONSHIPS)[number];
  tenant: boolean;
  child: boolean;
  from: number;
  to?: number;
}

export interface HomeContext extends Ctx {
  /** The next customer reference; unique within the demo. */
  nextRef: () => string;
}

function makeStreets(rng: Rng, households: number): Street[] {
  const count = Math.max(PATCHES.length, Math.ceil(households / 12));
  return Array.from({ length: count }, (_, i) => {
    const patch = PATCHES[i % PATCHES.length]!;
    const block = rng.chance(0.25);
    const letters = `${rng.pick(POSTCODE_LETTERS)}${rng.pick(POSTCODE_LETTERS)}`;
    return {
      name: block ? `${rng.faker.person.lastName()} ${rng.pick(BLOCK_NAMES)}` : rng.faker.location.street(),
      patch,
      postcode: `${AREAS[patch].district} ${rng.int(1, 9)}${letters}`,
      block,
      next: 1,
    };
  });
}

function address(rng: Rng, street: Street): Contact {
  const number = street.next;
  street.next += rng.int(1, 2);
  const town = AREAS[street.patch].town;
  const line = street.block ? `Flat ${number}, ${street.name}` : `${number} ${street.name}`;
  return { address: `${line}, ${town}`, postcode: street.postcode };
}

/** The tenancies a property has had, oldest first; only the latest may still be running. */
function windows(rng: Rng, asOf: number, count: number): { start: number; end?: number }[] {
  const out: { start: number; end?: number }[] = [];
  let cursor = asOf;
  for (let i = 0; i < count; i++) {
    const latest = i === 0;
    const end = latest
      ? rng.chance(0.06)
        ? cursor - rng.int(10, 300)
        : undefined
      : cursor - rng.int(14, 120);
    const start = (end ?? cursor) - (latest ? rng.int(60, 12 * YEAR) : rng.int(YEAR / 2, 7 * YEAR));
    out.unshift({ start, end });
    cursor = start;
  }
  return out;
}

function adultDraft(
  rng: Rng,
  relationship: Draft['relationship'],
  who: Identity,
  from: number,
  last: number,
  leaves: number,
): Draft {
  const to =
    rng.chance(leaves) && last - from > YEAR ? dayBetween(rng, from + YEAR / 2, last - 30) : undefined;
  return { who, relationship, tenant: relationship.endsWith('tenant'), child: false, from, to };
}

function children(rng: Rng, lead: Identity, start: number, last: number): Draft[] {
  if (start - lead.born > 52 * YEAR) return [];
  const count = rng.weighted([
    [0, 5],
    [1, 2],
    [2, 2],
    [3, 1],
  ]);
  const drafts: Draft[] = [];
  for (let i = 0; i < count; i++) {
    const earliest = Math.max(lead.born + 18 * YEAR, start - 16 * YEAR);
    const latest = Math.min(last, start + 10 * YEAR);
    if (earliest > latest) break;
    const who = identity(rng, dayBetween(rng, earliest, latest), lead.familyName);
    const grownUp = who.born + 18 * YEAR;
    const to = grownUp < last && rng.chance(0.5) ? Math.min(last, grownUp + rng.int(0, 5 * YEAR)) : undefined;
    drafts.push({
      who,
      relationship: 'child',
      tenant: false,
      child: true,
      from: Math.max(start, who.born),
      to,
    });
  }
  return drafts;
}

function drafts(rng: Rng, start: number, last: number): Draft[] {
  const age = rng.weighted([
    [[18, 29], 2],
    [[30, 49], 4],
    [[50, 69], 3],
    [[70, 85], 1],
  ] as const);
  const lead = identity(rng, bornAged(rng, start, age[0], age[1]));
  const joint = rng.chance(0.35);
  const out: Draft[] = [
    {
      who: lead,
      relationship: joint ? 'joint-tenant' : 'sole-tenant',
      tenant: true,
      child: false,
      from: start,
    },
  ];
  if (joint || rng.chance(0.12)) {
    const who = identity(
      rng,
      Math.min(start - 18 * YEAR, lead.born + rng.int(-8 * YEAR, 8 * YEAR)),
      rng.chance(0.6) ? lead.familyName : undefined,
    );
    out.push(adultDraft(rng, joint ? 'joint-tenant' : 'partner', who, start, last, joint ? 0.12 : 0.25));
  }
  out.push(...children(rng, lead, start, last));
  if (rng.chance(0.03)) {
    const from = dayBetween(rng, start, last);
    out.push(adultDraft(rng, 'lodger', identity(rng, bornAged(rng, from, 20, 60)), from, last, 0.5));
  }
  if (start - lead.born > 60 * YEAR && rng.chance(0.1)) {
    const from = dayBetween(rng, start, last);
    out.push(adultDraft(rng, 'carer', identity(rng, bornAged(rng, from, 25, 60)), from, last, 0.3));
  }
  return out;
}

function writeResident(ctx: HomeContext, d: Draft, contact: Contact, lead: boolean): Resident {
  const { b, rng, asOf } = ctx;
  const profile = d.child
    ? childProfile(d.who, contact)
    : d.tenant
      ? adultProfile(rng, d.who, contact, { customerRef: ctx.nextRef() })
      : adultProfile(rng, d.who, contact, { withContact: 0.5, withNi: 0.6 });
  // The lead tenant applied for the home (see lettings.ts), so they are an applicant too.
  const subjectTypes = lead ? ['tenant', 'applicant'] : d.tenant ? ['tenant'] : ['household-member'];
  const id = b.person('tenancy-management', { subjectTypes, profile });
  return { id, tenant: d.tenant, adult: asOf - d.who.born >= 18 * YEAR, left: d.to };
}

function household(
  ctx: HomeContext,
  propertyId: string,
  street: number,
  s: Street,
  contact: Contact,
  w: { start: number; end?: number },
): Home {
  const { b, rng, asOf } = ctx;
  const last = w.end ?? asOf;
  const people = drafts(rng, w.start, last).map((d) => ({
    ...d,
    to: w.end === undefined ? d.to : Math.min(d.to ?? w.end, w.end),
  }));
  const residents = people.map((d, i) => writeResident(ctx, d, contact, i === 0));
  const householdId = b.household({
    propertyId,
    members: people.map((d, i) => ({
      personId: residents[i]!.id,
      relationship: d.relationship,
      startedOn: isoDay(d.from),
      ...(d.to !== undefined && { endedOn: isoDay(d.to) }),
    })),
  });
  const tenants = residents.filter((r) => r.tenant);
  const recent = w.end === undefined && asOf - w.start < YEAR;
  const tenancyId = b.tenancy({
    householdId,
    propertyId,
    kind: recent
      ? 'starter'
      : rng.weighted([
          ['assured', 9],
          ['fixed-term', 1],
        ]),
    startedOn: isoDay(w.start),
    ...(w.end !== undefined && { endedOn: isoDay(w.end) }),
    parties: tenants.map((t) => t.id),
  });
  const bedrooms = Math.min(4, Math.max(1, people.length - 1));
  return {
    householdId,
    propertyId,
    tenancyId,
    patch: s.patch,
    street,
    contact,
    start: w.start,
    end: w.end,
    lead: residents[0]!,
    tenants,
    residents,
    weeklyRent: rng.money(80 + bedrooms * 12, 100 + bedrooms * 15),
    bedrooms,
  };
}

/** `count` households, in properties of the chunk's streets. */
export function generateHomes(ctx: HomeContext, count: number): Home[] {
  const { b, rng, asOf } = ctx;
  const streets = makeStreets(rng, count);
  const homes: Home[] = [];
  while (homes.length < count) {
    const street = rng.int(0, streets.length - 1);
    const s = streets[street]!;
    const contact = address(rng, s);
    const propertyId = b.property({ address: contact.address, postcode: contact.postcode, patch: s.patch });
    const turns = Math.min(
      count - homes.length,
      rng.weighted([
        [1, 5],
        [2, 3],
        [3, 2],
      ]),
    );
    for (const w of windows(rng, asOf, turns)) homes.push(household(ctx, propertyId, street, s, contact, w));
  }
  return homes;
}
