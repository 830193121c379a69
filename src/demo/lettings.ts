/**
 * Applications for housing, and equality monitoring answers. Every household's lead tenant once
 * applied and was housed; besides them, people who never became tenants applied and were
 * declined, withdrew, or are still waiting, so the six-month rule for unsuccessful applications
 * has work to do.
 */
import { dayDate, isoDay, YEAR } from './dates.ts';
import type { Home } from './homes.ts';
import { adultProfile, bornAged, elsewhere, identity } from './people.ts';
import type { Ctx, DemoPurpose } from './plan.ts';
import { DECLINE_REASONS, MEDICAL_NEEDS } from './words.ts';

function application(
  ctx: Ctx,
  personId: string,
  size: number,
  received: number,
  outcome: string,
  decided?: number,
) {
  const { rng } = ctx;
  return {
    personId,
    recordType: 'application',
    payload: {
      receivedOn: isoDay(received),
      band: rng.weighted([
        ['A', 1],
        ['B', 3],
        ['C', 4],
        ['D', 2],
      ]),
      householdSize: size,
      bedroomsNeeded: Math.min(4, Math.max(1, size - 1)),
      annualIncome: rng.money(6_000, 32_000),
      ...(rng.chance(0.15) && { medicalNeeds: rng.pick(MEDICAL_NEEDS) }),
      unspentConvictions: rng.chance(0.03),
      outcome,
      ...(decided !== undefined && { decidedOn: isoDay(decided) }),
      ...(outcome === 'declined' && { declineReason: rng.pick(DECLINE_REASONS) }),
    },
    occurredAt: dayDate(received),
    ...(decided !== undefined && { closedAt: dayDate(decided) }),
  };
}

/** The application that brought the household in; joint tenants are named in it. */
export function housedApplication(ctx: Ctx, home: Home): void {
  const { b, rng } = ctx;
  const decided = home.start - rng.int(5, 25);
  const received = decided - rng.int(30, 900);
  const record = application(ctx, home.lead.id, home.residents.length, received, 'housed', decided);
  const others = home.tenants.filter((t) => t !== home.lead);
  b.record('lettings', {
    ...record,
    ...(others.length > 0 && {
      mentions: others.map((t) => ({ personId: t.id, part: 'household-member' as const })),
    }),
  });
}

/** Someone who applied but was never housed, perhaps with a partner named in the application. */
export function unsuccessfulApplicant(ctx: Ctx): void {
  const { b, rng, asOf } = ctx;
  const outcome = rng.weighted([
    ['declined', 55],
    ['withdrawn', 20],
    ['pending', 25],
  ]);
  const received = outcome === 'pending' ? asOf - rng.int(0, 200) : asOf - rng.int(20, 3 * YEAR);
  const decided = outcome === 'pending' ? undefined : Math.min(asOf, received + rng.int(14, 180));
  const contact = elsewhere(rng);
  const who = identity(rng, bornAged(rng, received, 18, 75));
  const applicant = b.person('lettings', {
    subjectTypes: ['applicant'],
    profile: adultProfile(rng, who, contact, { withContact: 0.95 }),
  });
  let partner: string | undefined;
  if (rng.chance(0.3)) {
    const them = identity(rng, who.born + rng.int(-6 * YEAR, 6 * YEAR), who.familyName);
    partner = b.person('lettings', {
      subjectTypes: ['household-member'],
      profile: adultProfile(rng, them, contact, { withContact: 0.4, withNi: 0.7 }),
    });
  }
  const size = (partner ? 2 : 1) + rng.int(0, 3);
  b.record('lettings', {
    ...application(ctx, applicant, size, received, outcome, decided),
    ...(partner && { mentions: [{ personId: partner, part: 'household-member' as const }] }),
  });
  if (rng.chance(0.5)) equalityAnswers(ctx, applicant);
}

const ETHNIC_GROUPS = [
  ['white', 78],
  ['asian-or-asian-british', 9],
  ['black-black-british-caribbean-or-african', 5],
  ['mixed-or-multiple', 3],
  ['other-ethnic-group', 2],
  ['prefer-not-to-say', 5],
] as const;
const RELIGIONS = [
  ['christian', 44],
  ['no-religion', 37],
  ['muslim', 7],
  ['hindu', 2],
  ['sikh', 1],
  ['buddhist', 1],
  ['jewish', 1],
  ['other-religion', 1],
  ['prefer-not-to-say', 6],
] as const;
const ORIENTATIONS = [
  ['straight-or-heterosexual', 89],
  ['gay-or-lesbian', 2],
  ['bisexual', 1],
  ['other-orientation', 1],
  ['prefer-not-to-say', 7],
] as const;

/** Special category data (Art. 9), kept apart: no staff role may read it, only statistics. */
export function equalityAnswers(ctx: Ctx, personId: string): void {
  const { b, rng } = ctx;
  const purpose: DemoPurpose = 'equality-monitoring';
  b.record(purpose, {
    personId,
    recordType: 'equality-monitoring',
    payload: {
      ethnicGroup: rng.weighted(ETHNIC_GROUPS),
      religion: rng.weighted(RELIGIONS),
      sexualOrientation: rng.weighted(ORIENTATIONS),
      disability: rng.weighted([
        ['yes', 24],
        ['no', 66],
        ['prefer-not-to-say', 10],
      ]),
    },
  });
}

/** Tenants are asked once; about two in three answer. */
export function tenantEquality(ctx: Ctx, home: Home): void {
  for (const tenant of home.tenants) if (ctx.rng.chance(0.65)) equalityAnswers(ctx, tenant.id);
}
