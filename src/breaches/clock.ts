/**
 * The breach clocks and the rules of the decision, as pure functions: "now" is always given.
 *
 *  - The ICO: without undue delay and, where feasible, within 72 hours of becoming aware, unless
 *    the breach is unlikely to result in a risk to people (UK GDPR Art. 33(1)). Clock hours,
 *    weekends included; a late report gives reasons for the delay. Source: ICO, "Report a breach";
 *    uk-rules.md §3.
 *  - MHCLG, where CORE data is involved: a CORE data provider reports any loss or unauthorised
 *    release of the Data "as soon as possible and no later than 24 hours after the loss or
 *    unauthorised release is identified" (CORE data sharing agreement, clause 11.1:
 *    communitiesuk/submit-social-housing-lettings-and-sales-data,
 *    app/views/content/data_sharing_agreement.md; uk-rules.md §3 and §7.1). Custos starts it when
 *    the controller became aware, and it runs whatever the risk.
 */
import type {
  BreachKind,
  IcoDecision,
  Likelihood,
  PeopleDecision,
  PeopleException,
  RiskLevel,
  Severity,
} from './vocabulary.ts';

export const ICO_HOURS = 72;
export const CORE_HOURS = 24;
const HOUR = 3_600_000;

export const icoDeadline = (awareAt: Date): Date => new Date(awareAt.getTime() + ICO_HOURS * HOUR);
export const coreDeadline = (awareAt: Date): Date => new Date(awareAt.getTime() + CORE_HOURS * HOUR);

export type ClockStatus =
  'not-required' | 'awaiting-decision' | 'due' | 'overdue' | 'reported' | 'reported-late';

export interface Clock {
  deadline: Date;
  status: ClockStatus;
  /** Whole hours left (negative once past); null once reported or not required. */
  hoursLeft: number | null;
}

export interface ClockInput {
  kind: BreachKind;
  awareAt: Date;
  coreData: boolean;
  icoDecision: IcoDecision | null;
  icoReportedAt: Date | null;
  coreReportedAt: Date | null;
}

function running(deadline: Date, now: Date, reportedAt: Date | null, pending: ClockStatus): Clock {
  if (reportedAt)
    return { deadline, status: reportedAt > deadline ? 'reported-late' : 'reported', hoursLeft: null };
  const left = (deadline.getTime() - now.getTime()) / HOUR;
  return { deadline, status: left < 0 ? 'overdue' : pending, hoursLeft: Math.floor(left) };
}

export function breachClocks(b: ClockInput, now: Date): { ico: Clock; core: Clock | null } {
  const ico = icoDeadline(b.awareAt);
  const notRequired = (deadline: Date): Clock => ({ deadline, status: 'not-required', hoursLeft: null });
  const icoClock =
    b.kind === 'near-miss' || (b.icoDecision === 'not-notify' && !b.icoReportedAt)
      ? notRequired(ico)
      : running(ico, now, b.icoReportedAt, b.icoDecision ? 'due' : 'awaiting-decision');
  const core = !b.coreData
    ? null
    : b.kind === 'near-miss'
      ? notRequired(coreDeadline(b.awareAt))
      : running(coreDeadline(b.awareAt), now, b.coreReportedAt, 'due');
  return { ico: icoClock, core };
}

/**
 * The level of risk from how likely and how severe the harm to people is. The ICO asks for both
 * to be weighed; this matrix is Custos's, written down so every assessment is made the same way.
 */
const MATRIX: Record<Likelihood, Record<Severity, RiskLevel>> = {
  remote: { minimal: 'unlikely', significant: 'unlikely', severe: 'risk' },
  possible: { minimal: 'unlikely', significant: 'risk', severe: 'high' },
  likely: { minimal: 'risk', significant: 'high', severe: 'high' },
};

export const riskLevel = (likelihood: Likelihood, severity: Severity): RiskLevel =>
  MATRIX[likelihood][severity];

export interface Decision {
  ico: IcoDecision;
  people: PeopleDecision;
  peopleException: PeopleException | null;
}

/** Null when the decision fits the assessment; otherwise the field at fault and why. */
export function checkDecision(risk: RiskLevel, d: Decision): { field: string; reason: string } | null {
  if (d.ico === 'not-notify' && risk !== 'unlikely')
    return {
      field: 'ico',
      reason: `the assessment found a ${risk === 'high' ? 'high risk' : 'risk'} to people: UK GDPR Art. 33(1) requires telling the ICO`,
    };
  if (d.people === 'notify' && d.peopleException)
    return {
      field: 'peopleException',
      reason: 'an Art. 34(3) exception applies only when people are not told one by one',
    };
  if (d.people === 'public-communication' && d.peopleException !== 'disproportionate-effort')
    return {
      field: 'peopleException',
      reason:
        'a public communication instead of telling people one by one needs the exception disproportionate-effort (Art. 34(3)(c))',
    };
  if (d.people === 'not-notify' && risk === 'high') {
    if (d.peopleException === 'disproportionate-effort')
      return {
        field: 'people',
        reason: 'with disproportionate effort, Art. 34(3)(c) requires a public communication instead',
      };
    if (!d.peopleException)
      return {
        field: 'peopleException',
        reason:
          'the risk to people is high: Art. 34(1) requires telling them, unless an Art. 34(3) exception applies',
      };
  }
  return null;
}
