/**
 * The reasoning behind a deadline, in words, for the DPO's screen and the case file: a deadline the
 * DPO cannot check is a deadline nobody can defend to the ICO.
 */
import { addDays, describeDate as d, parseDate, type IsoDate } from './dates.ts';
import type { Jurisdiction } from './jurisdictions.ts';
import type { ClockRun, Pause } from './pauses.ts';
import { nonWorkingReason } from './working-days.ts';

export type StepRule =
  | 'start'
  | 'period'
  | 'without-extension'
  | 'month-end'
  | 'clarification'
  | 'clarification-not-counted'
  | 'extension'
  | 'extension-refused'
  | 'working-day'
  | 'due';

export interface ClockStep {
  rule: StepRule;
  /** The date this step arrives at, where it arrives at one. */
  date?: IsoDate;
  text: string;
}

export interface StartEvent {
  what: string;
  date: IsoDate;
}

export function explainStart(events: readonly StartEvent[], start: IsoDate): ClockStep {
  if (events.length === 1) {
    return {
      rule: 'start',
      date: start,
      text:
        `The request was received on ${d(start)}. The day of receipt is day one, so the clock starts ` +
        'that day, whether or not it is a working day.',
    };
  }
  const list = events.map((e) => `${e.what} on ${d(e.date)}`).join('; ');
  return {
    rule: 'start',
    date: start,
    text: `${capitalise(list)}. The month runs from the latest of these, ${d(start)}.`,
  };
}

const MONTH_WORDS = ['', 'One calendar month', 'Two calendar months', 'Three calendar months'];

export function explainMonths(run: ClockRun, start: IsoDate): ClockStep[] {
  const steps: ClockStep[] = [
    {
      rule: 'period',
      date: run.monthDate,
      text: `${MONTH_WORDS[run.months]} from ${d(start)} is ${d(run.monthDate)}.`,
    },
  ];
  const startDay = parseDate(start, 'start').day;
  if (parseDate(run.monthDate, 'due').day < startDay) {
    steps.push({
      rule: 'month-end',
      date: run.monthDate,
      text: `That month has no day ${startDay}, so the period ends on its last day, ${d(run.monthDate)}.`,
    });
  }
  return steps;
}

function describePause(p: Pause): string {
  const which =
    p.clarifications > 1 ? `${p.clarifications} overlapping requests for clarification` : 'clarification';
  const clipped = p.clippedToStart
    ? ' (asked for before the clock started, so only days from the start count)'
    : '';
  return `The clock stopped from ${d(p.from)} to ${d(p.to)} for ${which}${clipped}: ${plural(p.days, 'day')}`;
}

/** Art 12A applies from 5 February 2026; before that the ICO's guidance allowed the same pause. */
const ART_12A_IN_FORCE = '2026-02-05';

export function explainPauses(run: ClockRun, sameDay: number): ClockStep[] {
  const steps: ClockStep[] = run.counted.map((p) => ({
    rule: 'clarification',
    text: `${describePause(p)} ${p.days === 1 ? 'does' : 'do'} not count (${p.from >= ART_12A_IN_FORCE ? 'Art. 12A UK GDPR' : "the ICO's guidance, before Art. 12A"}).`,
  }));
  if (run.counted.length > 0) {
    steps.push({
      rule: 'clarification',
      date: run.calendarDue,
      text: `The deadline moves on by the ${plural(run.pausedDays, 'stopped day')}, to ${d(run.calendarDue)}.`,
    });
  }
  for (const p of run.tooLate) {
    steps.push({
      rule: 'clarification-not-counted',
      text:
        `Clarification was asked for on ${d(p.from)}, after the deadline had passed, so it does not stop ` +
        'the clock: a clock that has run out cannot be stopped.',
    });
  }
  if (sameDay > 0) {
    steps.push({
      rule: 'clarification-not-counted',
      text:
        `${sameDay === 1 ? 'A request' : `${sameDay} requests`} for clarification answered the day ` +
        `${sameDay === 1 ? 'it was' : 'they were'} asked, or before the clock started, ` +
        `${sameDay === 1 ? 'stops' : 'stop'} nothing: the clock counts whole days.`,
    });
  }
  return steps;
}

/** Each day off the deadline skips, and where it lands; nothing when it already falls on a working day. */
export function explainWorkingDay(run: ClockRun, jurisdiction: Jurisdiction): ClockStep[] {
  if (run.calendarDue === run.due) return [];
  const skipped: string[] = [];
  for (let day = run.calendarDue; day < run.due; day = addDays(day, 1)) {
    skipped.push(`${d(day)} is ${nonWorkingReason(day, jurisdiction) ?? 'not a working day'}`);
  }
  return [
    {
      rule: 'working-day',
      date: run.due,
      text: `${skipped.join('; ')}. The deadline moves to the next working day, ${d(run.due)}.`,
    },
  ];
}

export function explainDue(due: IsoDate): ClockStep {
  return { rule: 'due', date: due, text: `The response is due by the end of ${d(due)}.` };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
