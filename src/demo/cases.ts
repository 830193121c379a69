/**
 * Cases that tie households together: anti-social behaviour between neighbours (a complainant,
 * an alleged perpetrator and witnesses from other households, each named in the others'
 * records), CCTV clips, complaints to the segregated complaints team, and support needs.
 */
import { dayBetween, dayDate, isoDay, moment, YEAR } from './dates.ts';
import { cctvStill } from './media.ts';
import type { Home, Resident } from './homes.ts';
import { adultProfile, bornAged, elsewhere, identity } from './people.ts';
import type { Ctx } from './plan.ts';
import {
  ALLEGATIONS,
  ASB_KINDS,
  ASB_NARRATIVES,
  CAMERAS,
  CCTV_DESCRIPTIONS,
  COMPLAINT_SUMMARIES,
  COMPLAINT_TOPICS,
  SUPPORT_NEEDS,
  WITNESS_STATEMENTS,
} from './words.ts';

const livesThere = (r: Resident) => r.adult && r.left === undefined;

/** Someone from outside our homes who reports or witnesses something. */
function neighbour(ctx: Ctx): string {
  const { b, rng, asOf } = ctx;
  const who = identity(rng, bornAged(rng, asOf, 20, 80));
  return b.person('asb', {
    subjectTypes: ['complainant'],
    profile: adultProfile(rng, who, elsewhere(rng), { withNi: 0, withContact: 0.95 }),
  });
}

interface Party {
  id: string;
  home?: Home;
}

function resident(ctx: Ctx, homes: Home[]): Party {
  const home = ctx.rng.pick(homes);
  return { id: ctx.rng.pick(home.residents.filter(livesThere)).id, home };
}

function caseRecord(
  ctx: Ctx,
  subject: Party,
  against: Party,
  witnesses: Party[],
  reported: number,
  patch: string,
) {
  const { b, rng, asOf } = ctx;
  const kind = rng.pick(ASB_KINDS);
  const open = asOf - reported < 180 && rng.chance(0.6);
  const closed = open ? undefined : Math.min(asOf, reported + rng.int(14, 300));
  return b.record('asb', {
    personId: subject.id,
    recordType: 'asb-case',
    payload: {
      reportedOn: isoDay(reported),
      kind,
      narrative: ASB_NARRATIVES[kind],
      ...(rng.chance(0.4) && { allegation: rng.pick(ALLEGATIONS) }),
      ...(rng.chance(0.2) && { policeReference: `BVP/${rng.digits(5)}/${isoDay(reported).slice(2, 4)}` }),
      ...(rng.chance(0.15) && { vulnerability: 'Complainant has anxiety made worse by the behaviour' }),
      status: open ? 'open' : 'closed',
      ...(closed !== undefined && {
        closedOn: isoDay(closed),
        outcome: rng.weighted([
          ['no-further-action', 3],
          ['warning', 4],
          ['mediation', 2],
          ['acceptable-behaviour-agreement', 2],
          ['injunction', 1],
          ['closure-order', 0.3],
          ['possession-proceedings', 0.3],
        ]),
      }),
    },
    patch,
    occurredAt: dayDate(reported),
    ...(closed !== undefined && { closedAt: dayDate(closed) }),
    mentions: [
      { personId: against.id, part: 'alleged-perpetrator' },
      ...witnesses.map((w) => ({ personId: w.id, part: 'witness' as const })),
    ],
  });
}

/** One report of anti-social behaviour, with its statements and any CCTV evidence. */
function asbCase(ctx: Ctx, current: Home[]): void {
  const { b, rng, asOf } = ctx;
  const perpHome = rng.pick(current);
  const perp: Party = { id: rng.pick(perpHome.residents.filter(livesThere)).id, home: perpHome };
  const others = current.filter((h) => h !== perpHome);
  const street = others.filter((h) => h.street === perpHome.street);
  const nearby = street.length > 0 ? street : others;
  const complainant = rng.chance(0.2) ? { id: neighbour(ctx) } : resident(ctx, nearby);
  const witnesses = Array.from(
    {
      length: rng.weighted([
        [0, 3],
        [1, 4],
        [2, 2],
      ]),
    },
    () => (rng.chance(0.3) ? { id: neighbour(ctx) } : resident(ctx, nearby)),
  ).filter((w, i, all) => w.id !== complainant.id && all.findIndex((x) => x.id === w.id) === i);
  const since = Math.max(perpHome.start, complainant.home?.start ?? 0, asOf - 7 * YEAR);
  const reported = dayBetween(rng, since, asOf);
  const patch = complainant.home?.patch ?? perpHome.patch;
  const caseId = caseRecord(ctx, complainant, perp, witnesses, reported, patch);
  for (const w of witnesses) {
    const given = Math.min(asOf, reported + rng.int(1, 30));
    b.record('asb', {
      personId: w.id,
      recordType: 'asb-statement',
      payload: {
        caseRecordId: caseId,
        givenOn: isoDay(given),
        statement: rng.pick(WITNESS_STATEMENTS),
        willingToAttendCourt: rng.chance(0.4),
      },
      patch,
      occurredAt: dayDate(given),
      mentions: [
        { personId: complainant.id, part: 'complainant' },
        { personId: perp.id, part: 'alleged-perpetrator' },
      ],
    });
  }
  // Neighbour disputes cut both ways: sometimes the person complained about complains back.
  if (complainant.home && rng.chance(0.1))
    caseRecord(ctx, perp, complainant, [], dayBetween(rng, reported, asOf), perpHome.patch);
  if (rng.chance(0.35)) cctvClip(ctx, perp.id, perpHome.patch, reported - rng.int(0, 3), true);
}

function cctvClip(ctx: Ctx, personId: string, patch: string, day: number, evidence: boolean): void {
  const { b, rng } = ctx;
  const at = moment(rng, day);
  const purpose = evidence ? 'asb' : 'cctv';
  const recordId = b.record(purpose, {
    personId,
    recordType: 'cctv-clip',
    payload: {
      capturedAt: at.toISOString(),
      camera: rng.pick(CAMERAS),
      durationSeconds: rng.int(20, 600),
      description: rng.pick(CCTV_DESCRIPTIONS),
      heldAsEvidence: evidence,
    },
    patch,
    occurredAt: at,
  });
  b.document(purpose, {
    personId,
    recordId,
    kind: 'cctv-clip',
    mediaType: 'image/png',
    content: cctvStill(rng),
  });
}

export function asbCases(ctx: Ctx, homes: Home[]): void {
  const current = homes.filter((h) => h.end === undefined && h.residents.some(livesThere));
  if (current.length < 2) return;
  const count = Math.max(1, Math.round(homes.length * 0.06));
  for (let i = 0; i < count; i++) asbCase(ctx, current);
  // Clips of people seen on camera in the last two months, not (yet) part of any case.
  for (let i = 0; i < Math.max(1, Math.round(homes.length * 0.02)); i++) {
    const home = ctx.rng.pick(current);
    const person = ctx.rng.pick(home.residents.filter(livesThere));
    cctvClip(ctx, person.id, home.patch, ctx.asOf - ctx.rng.int(0, 60), false);
  }
}

/** Complaints of the last six years, handled by the complaints team alone. */
export function complaints(ctx: Ctx, homes: Home[]): void {
  const { b, rng, asOf } = ctx;
  const recent = homes.filter((h) => h.end === undefined || h.end > asOf - 6 * YEAR);
  if (recent.length === 0) return;
  const count = Math.max(1, Math.round(homes.length * 0.05));
  for (let i = 0; i < count; i++) {
    const home = rng.pick(recent);
    const received = dayBetween(rng, Math.max(home.start, asOf - 6 * YEAR), home.end ?? asOf);
    const open = asOf - received < 60 && rng.chance(0.5);
    const closed = open ? undefined : Math.min(asOf, received + rng.int(10, 120));
    const outcome = rng.weighted([
      ['upheld', 3],
      ['partly-upheld', 3],
      ['not-upheld', 4],
      ['withdrawn', 1],
    ]);
    const topic = rng.pick(COMPLAINT_TOPICS);
    b.record('complaints', {
      personId: home.lead.id,
      recordType: 'complaint',
      payload: {
        receivedOn: isoDay(received),
        stage: rng.weighted([
          ['stage-1', 7],
          ['stage-2', 2],
          ['ombudsman', 1],
        ]),
        topic,
        summary: COMPLAINT_SUMMARIES[topic],
        ...(closed !== undefined && { outcome, closedOn: isoDay(closed) }),
        ...(closed !== undefined &&
          (outcome === 'upheld' || outcome === 'partly-upheld') && { compensation: rng.money(25, 400) }),
      },
      team: 'complaints',
      patch: home.patch,
      occurredAt: dayDate(received),
      ...(closed !== undefined && { closedAt: dayDate(closed) }),
    });
  }
}

/** Support needs (health: special category), kept to the tenancy support team. */
export function supportNeeds(ctx: Ctx, home: Home): void {
  const { b, rng, asOf } = ctx;
  if (!rng.chance(0.1)) return;
  const adults = home.residents.filter((r) => r.adult);
  if (adults.length === 0) return;
  const last = home.end ?? asOf;
  const started = dayBetween(rng, home.start, last);
  const ends = home.end !== undefined || rng.chance(0.5);
  const ended = ends ? Math.min(last, started + rng.int(60, 3 * YEAR)) : undefined;
  b.record('support', {
    personId: rng.pick(adults).id,
    recordType: 'support-needs',
    payload: { needs: rng.pick(SUPPORT_NEEDS), ...(ended !== undefined && { endedOn: isoDay(ended) }) },
    team: 'tenancy-support',
    patch: home.patch,
    occurredAt: dayDate(started),
    ...(ended !== undefined && { endedAt: dayDate(ended) }),
  });
}
