/**
 * What the clock needs to know about a request, checked before anything is counted: a date typed
 * wrongly would otherwise give a deadline that looks just as right as a true one.
 */
import { parseDate, type IsoDate } from './dates.ts';
import { ClockError } from './errors.ts';
import { checkJurisdiction, type Jurisdiction } from './jurisdictions.ts';

/** A request for clarification (Art 12A): the clock stops from `asked` until `answered`. */
export interface Clarification {
  asked: IsoDate;
  answered: IsoDate;
}

/** The person was told on `toldOn` that the response will take up to `months` further months, and why. */
export interface ExtensionNotice {
  toldOn: IsoDate;
  months: 1 | 2;
  reasons: string;
}

export interface ClockInput {
  /** The day the request arrived, whatever the day of the week: it is day one. */
  received: IsoDate;
  jurisdiction: Jurisdiction;
  /** When identification the landlord asked for arrived (absent or null when none was asked for). */
  idReceived?: IsoDate | null;
  /** When evidence that a third party may act for the person arrived. */
  authorityReceived?: IsoDate | null;
  /** When a fee arrived, only where one may be charged (manifestly unfounded or excessive, or further copies). */
  feeReceived?: IsoDate | null;
  clarification?: readonly Clarification[];
  extension?: ExtensionNotice | null;
}

function checkDate(value: unknown, field: string): IsoDate {
  parseDate(value, field);
  return value as IsoDate;
}

function optionalDate(value: unknown, field: string): IsoDate | undefined {
  return value === undefined || value === null ? undefined : checkDate(value, field);
}

function checkClarification(c: Clarification, index: number, received: IsoDate): Clarification {
  const field = `clarification[${index}]`;
  const asked = checkDate(c?.asked, `${field}.asked`);
  const answered = checkDate(c?.answered, `${field}.answered`);
  if (asked < received)
    throw new ClockError(`${field}.asked`, `${asked} is before the request was received (${received})`);
  if (answered < asked)
    throw new ClockError(`${field}.answered`, `${answered} is before the question was asked (${asked})`);
  return { asked, answered };
}

function checkExtension(e: ExtensionNotice, received: IsoDate): ExtensionNotice {
  const toldOn = checkDate(e.toldOn, 'extension.toldOn');
  if (toldOn < received) {
    throw new ClockError('extension.toldOn', `${toldOn} is before the request was received (${received})`);
  }
  if (e.months !== 1 && e.months !== 2) {
    throw new ClockError(
      'extension.months',
      `${String(e.months)} is not 1 or 2: the law allows up to two further months`,
    );
  }
  // Missing reasons are not bad input but a defective notice: the clock reports the extension as refused.
  if (e.reasons !== undefined && e.reasons !== null && typeof e.reasons !== 'string') {
    throw new ClockError('extension.reasons', 'must be text');
  }
  return { toldOn, months: e.months, reasons: e.reasons ?? '' };
}

/** The input with every date checked; null optional dates become absent. */
export function checkInput(input: ClockInput): ClockInput {
  const received = checkDate(input.received, 'received');
  const clarification = input.clarification ?? [];
  if (!Array.isArray(clarification)) throw new ClockError('clarification', 'must be a list');
  return {
    received,
    jurisdiction: checkJurisdiction(input.jurisdiction),
    idReceived: optionalDate(input.idReceived, 'idReceived'),
    authorityReceived: optionalDate(input.authorityReceived, 'authorityReceived'),
    feeReceived: optionalDate(input.feeReceived, 'feeReceived'),
    clarification: clarification.map((c, i) => checkClarification(c, i, received)),
    extension: input.extension ? checkExtension(input.extension, received) : undefined,
  };
}
