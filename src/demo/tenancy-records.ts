/**
 * What a household's tenancy leaves behind: contact logs, the rent account and any arrears,
 * repairs done by contractors, and recorded calls. Dates fall inside the tenancy; records of a
 * tenancy that has ended stop at its end, so they age out with it.
 */
import { callAudio } from './media.ts';
import type { MENTION_PARTS } from '../records/records.ts';
import { dayBetween, dayDate, isoDay, moment, monthStart, YEAR } from './dates.ts';
import type { Home } from './homes.ts';
import type { Ctx } from './plan.ts';
import { pence } from './random.ts';
import { ACCESS_NOTES, CONTACT_SUMMARIES, CONTRACTORS, REPAIRS, TRADES } from './words.ts';

type Mention = { personId: string; part: (typeof MENTION_PARTS)[number] };

const lastDay = (ctx: Ctx, home: Home) => home.end ?? ctx.asOf;

export function contactLogs(ctx: Ctx, home: Home): void {
  const { b, rng } = ctx;
  const last = lastDay(ctx, home);
  const count = rng.int(0, Math.min(6, 1 + Math.floor((last - home.start) / YEAR)));
  for (let i = 0; i < count; i++) {
    const at = moment(rng, dayBetween(rng, home.start, last));
    const subject = rng.pick(home.tenants);
    const others = home.residents.filter((r) => r !== subject && r.adult);
    const mentions: Mention[] =
      others.length > 0 && rng.chance(0.25)
        ? [{ personId: rng.pick(others).id, part: 'household-member' }]
        : [];
    b.record('tenancy-management', {
      personId: subject.id,
      recordType: 'contact-log',
      payload: {
        channel: rng.weighted([
          ['phone', 5],
          ['email', 2],
          ['portal', 1],
          ['visit', 1],
          ['letter', 1],
        ]),
        summary: rng.pick(CONTACT_SUMMARIES),
        occurredAt: at.toISOString(),
      },
      patch: home.patch,
      occurredAt: at,
      ...(mentions.length > 0 && { mentions }),
    });
  }
}

type Payer = 'pays' | 'arrears' | 'credit';

/** Posts one transaction; amounts are positive, and a positive balance is money owed to us. */
function post(
  ctx: Ctx,
  home: Home,
  day: number,
  kind: string,
  amount: number,
  balance: number,
  method?: string,
) {
  ctx.b.record('tenancy-management', {
    personId: home.lead.id,
    recordType: 'rent-transaction',
    payload: {
      postedOn: isoDay(day),
      kind,
      amount: pence(amount),
      balanceAfter: pence(balance),
      ...(method && { method }),
    },
    patch: home.patch,
    occurredAt: dayDate(day),
  });
}

function arrearsCase(ctx: Ctx, home: Home, opened: number, balance: number, stage: string, closed?: number) {
  const monthly = (home.weeklyRent * 52) / 12;
  ctx.b.record('tenancy-management', {
    personId: home.lead.id,
    recordType: 'arrears-case',
    payload: {
      openedOn: isoDay(opened),
      balance: pence(balance),
      stage,
      ...(stage === 'arrangement' && {
        arrangement: `£${pence(monthly / 20).toFixed(2)} a week towards the arrears`,
      }),
      ...(closed !== undefined && { closedOn: isoDay(closed) }),
    },
    patch: home.patch,
    occurredAt: dayDate(opened),
    ...(closed !== undefined && { closedAt: dayDate(closed) }),
  });
}

function stageFor(months: number): string {
  if (months < 1.5) return 'reminder';
  if (months < 2.5) return 'arrangement';
  return months < 4 ? 'notice-served' : 'court-order';
}

/** The last six months of a running account: a charge on the 1st, then a payment (or not). */
function runningAccount(ctx: Ctx, home: Home, payer: Payer, method: string): void {
  const { rng, asOf } = ctx;
  const monthly = pence((home.weeklyRent * 52) / 12);
  let balance =
    payer === 'arrears' ? rng.money(0, monthly * 2) : payer === 'credit' ? -rng.money(10, monthly / 2) : 0;
  let behindSince: number | undefined;
  for (let back = 5; back >= 0; back--) {
    const due = monthStart(asOf, back);
    if (due < home.start) continue;
    balance += monthly;
    post(ctx, home, due, 'rent-charge', monthly, balance);
    const paidOn = due + rng.int(0, 10);
    if (paidOn > asOf) continue;
    const share = payer === 'arrears' ? rng.pick([0, 0.5, 0.8, 1]) : 1;
    if (share > 0) {
      balance -= monthly * share;
      post(ctx, home, paidOn, 'payment', monthly * share, balance, method);
    }
    if (balance > monthly / 2) behindSince ??= paidOn;
    else behindSince = undefined;
  }
  if (behindSince !== undefined) arrearsCase(ctx, home, behindSince, balance, stageFor(balance / monthly));
  else if (rng.chance(0.1) && asOf - home.start > YEAR) {
    const opened = dayBetween(rng, home.start, asOf - 200);
    arrearsCase(ctx, home, opened, rng.money(100, monthly * 2), 'cleared', opened + rng.int(30, 180));
  }
}

/** An ended tenancy's final account: the last charge, then paid off or written off. */
function finalAccount(ctx: Ctx, home: Home, end: number, payer: Payer, method: string): void {
  const { rng } = ctx;
  const monthly = pence((home.weeklyRent * 52) / 12);
  const due = Math.max(home.start, monthStart(end, 0));
  const owed = monthly + (payer === 'arrears' ? rng.money(50, monthly * 3) : 0);
  post(ctx, home, due, 'rent-charge', monthly, owed);
  if (payer !== 'arrears') {
    post(ctx, home, Math.min(end, due + rng.int(0, 10)), 'payment', owed, 0, method);
    return;
  }
  const writtenOff = Math.min(ctx.asOf, end + rng.int(20, 90));
  post(ctx, home, writtenOff, 'write-off', owed, 0);
  arrearsCase(ctx, home, Math.max(home.start, end - rng.int(60, 200)), owed, 'written-off', writtenOff);
}

export function rentAccount(ctx: Ctx, home: Home): void {
  const { rng } = ctx;
  const payer = rng.weighted<Payer>([
    ['pays', 78],
    ['arrears', 14],
    ['credit', 8],
  ]);
  const method = rng.weighted([
    ['direct-debit', 35],
    ['universal-credit', 30],
    ['housing-benefit', 10],
    ['card', 12],
    ['standing-order', 8],
    ['cash', 5],
  ]);
  if (home.end === undefined) runningAccount(ctx, home, payer, method);
  else finalAccount(ctx, home, home.end, payer, method);
}

const REPAIR_DAYS = { emergency: [0, 1], urgent: [1, 7], routine: [7, 60] } as const;

/** Repairs, each assigned to a contractor; those not finished by the reference day are still open. */
export function repairs(ctx: Ctx, home: Home): void {
  const { b, rng, asOf } = ctx;
  const last = lastDay(ctx, home);
  const count = rng.int(0, Math.min(5, 1 + Math.floor((last - home.start) / YEAR)));
  for (let i = 0; i < count; i++) {
    const trade = rng.pick(TRADES);
    const priority = rng.weighted([
      ['emergency', 1],
      ['urgent', 3],
      ['routine', 6],
    ] as const);
    // Some recent jobs are reported in the last weeks, so a good share is still open.
    const reported =
      rng.chance(0.15) && home.end === undefined ? asOf - rng.int(0, 30) : dayBetween(rng, home.start, last);
    const [min, max] = REPAIR_DAYS[priority];
    const completed = reported + rng.int(min, max);
    const open = completed > asOf;
    b.record('repairs', {
      personId: home.lead.id,
      recordType: 'repair',
      payload: {
        description: rng.pick(REPAIRS[trade]),
        reportedOn: isoDay(reported),
        priority,
        trade,
        ...(rng.chance(0.1) && { accessNotes: rng.pick(ACCESS_NOTES) }),
        ...(!open && { completedOn: isoDay(completed) }),
      },
      patch: home.patch,
      assignedTo: rng.pick(CONTRACTORS),
      occurredAt: dayDate(reported),
      ...(!open && { closedAt: dayDate(completed) }),
    });
  }
}

/** Calls recorded in the last four months; older recordings have been deleted already. */
export function callRecordings(ctx: Ctx, home: Home): void {
  const { b, rng, asOf } = ctx;
  if (home.end !== undefined) return;
  const count = rng.weighted([
    [0, 4],
    [1, 3],
    [2, 2],
  ]);
  for (let i = 0; i < count; i++) {
    const at = moment(rng, dayBetween(rng, Math.max(home.start, asOf - 120), asOf));
    const personId = rng.pick(home.tenants).id;
    const recordId = b.record('cctv', {
      personId,
      recordType: 'call-recording',
      payload: {
        recordedAt: at.toISOString(),
        direction: rng.chance(0.85) ? 'inbound' : 'outbound',
        queue: rng.weighted([
          ['repairs', 4],
          ['rent', 3],
          ['general', 3],
          ['lettings', 1],
          ['asb', 1],
          ['complaints', 1],
        ]),
        durationSeconds: rng.int(40, 1500),
      },
      patch: home.patch,
      occurredAt: at,
    });
    b.document('cctv', {
      personId,
      recordId,
      kind: 'call-recording',
      mediaType: 'audio/wav',
      content: callAudio(rng),
    });
  }
}
