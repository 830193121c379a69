/**
 * The statutory deadline for a data subject rights request (Art 12(3) and 12A UK GDPR, as the ICO
 * reads them): one calendar month from the start, the corresponding date clamped to the month's
 * end, moved on by days stopped for clarification, then off a weekend or bank holiday; or three
 * months from the start when the person was told of an extension, with reasons, within the first
 * month. A pure function of its input: no clock, no I/O beyond the calendars loaded at start-up.
 */
import { describeDate as d, latestOf, type IsoDate } from './dates.ts';
import {
  explainDue,
  explainMonths,
  explainPauses,
  explainStart,
  explainWorkingDay,
  type ClockStep,
  type StartEvent,
} from './explain.ts';
import { refusal, type ExtensionRefusal } from './extension.ts';
import { checkInput, type ClockInput, type ExtensionNotice } from './input.ts';
import type { Jurisdiction } from './jurisdictions.ts';
import { pausePeriods, runClock, type ClockRun, type Pause } from './pauses.ts';

export interface DueDate {
  jurisdiction: Jurisdiction;
  /** The day the month runs from: the latest of receipt and of any ID, authority or fee asked for. */
  start: IsoDate;
  /** One calendar month from the start (clamped), before stopped days and the move to a working day. */
  baseDue: IsoDate;
  /** The deadline without an extension, and the last day on which the person can be told of one. */
  oneMonthDue: IsoDate;
  /** The deadline: the end of this day. */
  due: IsoDate;
  /** Days that did not count because the clock was stopped for clarification. */
  pausedDays: number;
  extended: boolean;
  refusedExtension?: ExtensionRefusal;
  /** The reasoning, in order, in plain English. */
  steps: ClockStep[];
}

/** What started the clock, in the order the law lists them. */
function startEvents(input: ClockInput): StartEvent[] {
  const events: (StartEvent | undefined)[] = [
    { what: 'the request was received', date: input.received },
    input.idReceived ? { what: 'the identification asked for arrived', date: input.idReceived } : undefined,
    input.authorityReceived
      ? { what: 'the authority to act for the person arrived', date: input.authorityReceived }
      : undefined,
    input.feeReceived ? { what: 'the fee arrived', date: input.feeReceived } : undefined,
  ];
  return events.filter((e): e is StartEvent => e !== undefined);
}

function explainRun(run: ClockRun, start: IsoDate, sameDay: number, jurisdiction: Jurisdiction): ClockStep[] {
  return [
    ...explainMonths(run, start),
    ...explainPauses(run, sameDay),
    ...explainWorkingDay(run, jurisdiction),
  ];
}

/** What every outcome shares: the start, the one-month run and the reasoning so far. */
interface Counted {
  input: ClockInput;
  start: IsoDate;
  pauses: Pause[];
  sameDay: number;
  oneMonth: ClockRun;
  steps: ClockStep[];
}

function oneMonthResult(c: Counted, refused: ExtensionRefusal | undefined): DueDate {
  const { input, start, oneMonth } = c;
  return {
    jurisdiction: input.jurisdiction,
    start,
    baseDue: oneMonth.monthDate,
    oneMonthDue: oneMonth.due,
    due: oneMonth.due,
    pausedDays: oneMonth.pausedDays,
    extended: false,
    ...(refused ? { refusedExtension: refused } : {}),
    steps: [
      ...c.steps,
      ...explainRun(oneMonth, start, c.sameDay, input.jurisdiction),
      ...(refused ? [{ rule: 'extension-refused' as const, text: refused.reason }] : []),
      explainDue(oneMonth.due),
    ],
  };
}

function extendedResult(c: Counted, extension: ExtensionNotice): DueDate {
  const { input, start, oneMonth } = c;
  // Three months from the original start, not two months on from the first deadline (they differ at month ends).
  const run = runClock(start, 1 + extension.months, c.pauses, input.jurisdiction);
  const further = extension.months === 1 ? 'one further month' : 'two further months';
  return {
    jurisdiction: input.jurisdiction,
    start,
    baseDue: oneMonth.monthDate,
    oneMonthDue: oneMonth.due,
    due: run.due,
    pausedDays: run.pausedDays,
    extended: true,
    steps: [
      ...c.steps,
      {
        rule: 'without-extension',
        date: oneMonth.due,
        text: `Without an extension the deadline would be the end of ${d(oneMonth.due)}.`,
      },
      {
        rule: 'extension',
        text:
          `On ${d(extension.toldOn)}, within the first month, the person was told of an extension of ${further}, ` +
          `with reasons: “${extension.reasons.trim()}”. The extended period is counted from the original start.`,
      },
      ...explainRun(run, start, c.sameDay, input.jurisdiction),
      explainDue(run.due),
    ],
  };
}

/** The deadline for a request, with the reasoning. Throws a ClockError for input that cannot be right. */
export function dueDate(raw: ClockInput): DueDate {
  const input = checkInput(raw);
  const clarifications = input.clarification ?? [];
  const events = startEvents(input);
  const start = latestOf(events.map((e) => e.date));
  const pauses = pausePeriods(clarifications, start);
  const counted: Counted = {
    input,
    start,
    pauses,
    // Clarifications that stopped no day: answered the day they were asked, or before the clock started.
    sameDay: clarifications.length - pauses.reduce((n, p) => n + p.clarifications, 0),
    oneMonth: runClock(start, 1, pauses, input.jurisdiction),
    steps: [explainStart(events, start)],
  };
  const extension = input.extension;
  if (!extension) return oneMonthResult(counted, undefined);
  const refused = refusal(extension, counted.oneMonth.due);
  return refused ? oneMonthResult(counted, refused) : extendedResult(counted, extension);
}
