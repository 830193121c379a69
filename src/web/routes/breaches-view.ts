/**
 * How the breach register is shown: each clock as red, amber or green, form times read as UK
 * local time, the dashboard panel (breaches on the 72-hour clock, agreements expiring), and the
 * call staff make on the register (each read of it is audited as theirs).
 */
import {
  BREACH_ACTIVITY,
  CORE_HOURS,
  ICO_HOURS,
  listBreaches,
  type BreachView,
  type Clock,
  type IcoDecision,
  type PeopleDecision,
  type RiskLevel,
} from '../../breaches/index.ts';
import { InputError } from '../../records/errors.ts';
import type { Call } from '../../records/store.ts';
import { ukDate as isoDay } from '../../rights/requests/input.ts';
import { momentWords } from '../../manifest/words.ts';
import { agreementsNeedingAttention, listAgreements } from '../../sharing/index.ts';
import { staffActor, staffPurposes, type StaffAccount } from '../auth/staff-accounts.ts';
import type { WebContext } from '../context.ts';

/** The purpose staff act under on the register: its own activity where declared, else rights work. */
export const breachPurpose = (ctx: WebContext, staff: StaffAccount) =>
  staffPurposes(ctx.manifest, staff).includes(BREACH_ACTIVITY) ? BREACH_ACTIVITY : ctx.options.rightsPurpose;

/** A member of staff's call on the register: gated, and every read and step audited as theirs. */
export const breachCall = (ctx: WebContext, staff: StaffAccount): Call => ({
  actor: staffActor(staff),
  purpose: breachPurpose(ctx, staff),
  channel: 'web',
});

export type Rag = 'red' | 'amber' | 'green' | 'grey';

export interface ClockView {
  rag: Rag;
  /** For govukTag. */
  tag: { text: string; classes: string };
  deadline: Date;
  /** "4 July 2026, 12:00pm": the deadline in UK time. */
  deadlineWords: string;
  words: string;
}

/** How long past a deadline: hours for the first two days, then days. */
export function pastDeadlineWords(hours: number): string {
  if (hours < 48) return `${hours} ${hours === 1 ? 'hour' : 'hours'} past the deadline`;
  return `${Math.floor(hours / 24)} days past the deadline`;
}

const TAG: Record<Rag, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--yellow',
  green: 'govuk-tag--green',
  grey: 'govuk-tag--grey',
};

/**
 * Red once overdue, reported late, or with less than a quarter of the clock left; amber with less
 * than half; green otherwise, and once reported in time. A clock not required is grey.
 */
export function clockView(clock: Clock, hours: number): ClockView {
  const at = (rag: Rag, text: string, words: string): ClockView => ({
    rag,
    tag: { text, classes: TAG[rag] },
    deadline: clock.deadline,
    deadlineWords: momentWords(clock.deadline),
    words,
  });
  switch (clock.status) {
    case 'not-required':
      return at('grey', 'Not required', 'No report is needed');
    case 'reported':
      return at('green', 'Reported', 'Reported in time');
    case 'reported-late':
      return at('red', 'Reported late', 'Reported after the deadline');
    case 'overdue':
      return at('red', 'Overdue', pastDeadlineWords(-(clock.hoursLeft ?? 0)));
    default: {
      const left = clock.hoursLeft ?? 0;
      const rag: Rag = left < hours / 4 ? 'red' : left < hours / 2 ? 'amber' : 'green';
      const waiting = clock.status === 'awaiting-decision' ? ', decision needed' : '';
      return at(rag, `${left} hours left`, `${left} hours left${waiting}`);
    }
  }
}

export const clocksView = (clocks: { ico: Clock; core: Clock | null }) => ({
  ico: clockView(clocks.ico, ICO_HOURS),
  core: clocks.core ? clockView(clocks.core, CORE_HOURS) : null,
});

/** The controller's UK offset on that day, e.g. "+01:00" in summer. */
function londonOffset(utcGuess: Date): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'longOffset' })
    .formatToParts(utcGuess)
    .find((p) => p.type === 'timeZoneName')!.value;
  const m = /GMT([+-]\d{2}:\d{2})?/.exec(part);
  return m?.[1] ?? '+00:00';
}

/**
 * A time from a form: "2026-11-19T09:00" (a datetime-local input) is UK local time, since the
 * people filling it in are in the UK; a time with its own offset is taken as written.
 */
export function formInstant(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (/(Z|[+-]\d{2}:\d{2})$/.test(value)) return value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value))
    throw new InputError(
      field,
      `${JSON.stringify(value.slice(0, 30))} is not a date and time (YYYY-MM-DDTHH:MM)`,
    );
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  const guess = new Date(`${withSeconds}Z`);
  if (Number.isNaN(guess.getTime())) throw new InputError(field, `${value} is not a real date and time`);
  return `${withSeconds}${londonOffset(guess)}`;
}

/** The dashboard panel: open breaches on the clock, and agreements that need attention. */
export async function breachPanel(ctx: WebContext, staff: StaffAccount) {
  if (!staffPurposes(ctx.manifest, staff).includes(ctx.options.rightsPurpose) || staff.kind !== 'staff')
    return undefined;
  const open = await listBreaches(ctx.store, breachCall(ctx, staff), { open: true });
  const agreements = await listAgreements(ctx.store, ctx.controllerId);
  return {
    breaches: open
      .filter(
        (b) =>
          b.clocks.ico.status === 'due' ||
          b.clocks.ico.status === 'awaiting-decision' ||
          b.clocks.ico.status === 'overdue' ||
          (b.clocks.core && b.clocks.core.hoursLeft !== null),
      )
      .slice(0, 10)
      .map((b) => ({ id: b.id, summary: b.summary, clocks: clocksView(b.clocks) })),
    agreements: agreementsNeedingAttention(agreements, isoDay(ctx.store.now()), 60),
  };
}

const ICO_WORDS: Record<IcoDecision, string> = { notify: 'tell them', 'not-notify': 'do not tell them' };
const PEOPLE_WORDS: Record<PeopleDecision, string> = {
  notify: 'write to each person',
  'public-communication': 'a public communication instead',
  'not-notify': 'do not tell them',
};
const RISK_WORDS: Record<RiskLevel, string> = {
  unlikely: 'unlikely to result in a risk to people',
  risk: 'a risk to people',
  high: 'a high risk to people',
};

const dated = <T extends { at: Date }>(e: T) => ({ ...e, atWords: momentWords(e.at) });

/**
 * The breach page's words for the assessment and the decision, current and earlier (newest first),
 * and what a decision not to tell the ICO means once it has been told.
 */
export function breachWords(breach: BreachView) {
  const { assessments, decisions } = breach.history;
  const decision = decisions.at(-1);
  return {
    risk: breach.assessment ? RISK_WORDS[breach.assessment.risk] : undefined,
    assessment: assessments.length ? dated(assessments.at(-1)!) : undefined,
    earlierAssessments: assessments
      .slice(0, -1)
      .reverse()
      .map((a) => ({ ...dated(a), riskWords: RISK_WORDS[a.risk] })),
    decision: decision
      ? { ...dated(decision), ico: ICO_WORDS[decision.ico], people: PEOPLE_WORDS[decision.people] }
      : undefined,
    earlierDecisions: decisions
      .slice(0, -1)
      .reverse()
      .map((d) => ({ ...dated(d), icoWords: ICO_WORDS[d.ico], peopleWords: PEOPLE_WORDS[d.people] })),
    reportStands:
      decision?.ico === 'not-notify' && breach.icoReport
        ? `The ICO was told on ${momentWords(breach.icoReport.at)}${breach.icoReport.reference ? ` (reference ${breach.icoReport.reference})` : ''}, before this decision. That report stands: deciding now that they need not have been told does not withdraw it.`
        : undefined,
    /** Something has gone out: a change needs its reason. */
    revising: Boolean(breach.icoReport) || breach.affected.lettersPrepared > 0,
  };
}
