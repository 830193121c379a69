/** The breach register's stored rows and the view the DPO (and the dashboard) reads. */
import { NotFound } from '../records/errors.ts';
import type { Queryable } from '../store/db.ts';
import { breachClocks, type Clock } from './clock.ts';
import { loadHistory, type History } from './history.ts';
import type {
  ActionKind,
  BreachKind,
  BreachStatus,
  BreachType,
  IcoDecision,
  Likelihood,
  PeopleDecision,
  PeopleException,
  RiskLevel,
  Severity,
} from './vocabulary.ts';

export interface BreachRow {
  id: string;
  controller_id: string;
  kind: BreachKind;
  types: BreachType[];
  summary: string;
  occurred_at: Date | null;
  aware_at: Date;
  categories: string[];
  /** The activities the DPO named; empty when not named (migration 015). */
  activities: string[];
  core_data: boolean;
  approx_people: number | null;
  approx_records: number | null;
  recorded_at: Date;
  recorded_by: string;
  likelihood: Likelihood | null;
  severity: Severity | null;
  risk: RiskLevel | null;
  consequences: string | null;
  risk_reasons: string | null;
  assessed_at: Date | null;
  assessed_by: string | null;
  ico_decision: IcoDecision | null;
  ico_reasons: string | null;
  people_decision: PeopleDecision | null;
  people_exception: PeopleException | null;
  people_reasons: string | null;
  message_to_people: string | null;
  /** What the letters tell people this could mean for them (migration 017). */
  consequences_for_people: string | null;
  decided_at: Date | null;
  decided_by: string | null;
  ico_reported_at: Date | null;
  ico_reference: string | null;
  ico_delay_reasons: string | null;
  core_reported_at: Date | null;
  core_reference: string | null;
  core_delay_reasons: string | null;
  status: BreachStatus;
  lessons: string | null;
  closed_at: Date | null;
  closed_by: string | null;
}

export interface ActionView {
  n: number;
  kind: ActionKind;
  action: string;
  owner: string;
  dueOn: string | null;
  doneAt: Date | null;
  doneBy: string | null;
}

export interface BreachView {
  id: string;
  controllerId: string;
  kind: BreachKind;
  types: BreachType[];
  summary: string;
  occurredAt: Date | null;
  awareAt: Date;
  categories: string[];
  /** The processing activities it affected, where the DPO named them. */
  activities: string[];
  coreData: boolean;
  approxPeople: number | null;
  approxRecords: number | null;
  recordedAt: Date;
  recordedBy: string;
  assessment: {
    likelihood: Likelihood;
    severity: Severity;
    risk: RiskLevel;
    consequences: string;
    reasons: string;
    at: Date;
    by: string;
  } | null;
  decision: {
    ico: IcoDecision;
    icoReasons: string;
    people: PeopleDecision;
    peopleException: PeopleException | null;
    peopleReasons: string;
    messageToPeople: string | null;
    consequencesForPeople: string | null;
    at: Date;
    by: string;
  } | null;
  icoReport: { at: Date; reference: string | null; delayReasons: string | null } | null;
  coreReport: { at: Date; reference: string | null; delayReasons: string | null } | null;
  clocks: { ico: Clock; core: Clock | null };
  /** Letters are prepared (downloaded) and then marked as sent on the day they were posted. */
  affected: { people: number; lettersPrepared: number; lettersSent: number };
  /** Every assessment and decision, oldest first; the last of each is the current one. */
  history: History;
  returnIds: string[];
  actions: ActionView[];
  status: BreachStatus;
  lessons: string | null;
  closedAt: Date | null;
}

export async function loadBreach(q: Queryable, controllerId: string, id: string): Promise<BreachRow> {
  const [row] = await q.query<BreachRow>('select * from breaches where id = $1 and controller_id = $2', [
    id,
    controllerId,
  ]);
  if (!row) throw new NotFound('the breach (breachId)');
  return row;
}

const report = (at: Date | null, reference: string | null, delayReasons: string | null) =>
  at ? { at, reference, delayReasons } : null;

export function clocksOf(r: BreachRow, now: Date) {
  return breachClocks(
    {
      kind: r.kind,
      awareAt: r.aware_at,
      coreData: r.core_data,
      icoDecision: r.ico_decision,
      icoReportedAt: r.ico_reported_at,
      coreReportedAt: r.core_reported_at,
    },
    now,
  );
}

export async function viewOf(q: Queryable, r: BreachRow, now: Date): Promise<BreachView> {
  const [affected] = await q.query<{ people: number; prepared: number; letters: number }>(
    `select count(*)::int as people, count(letter_prepared_at)::int as prepared, count(letter_at)::int as letters
       from breach_affected where breach_id = $1`,
    [r.id],
  );
  const returns = await q.query<{ return_id: string }>(
    'select return_id from breach_returns where breach_id = $1 order by return_id',
    [r.id],
  );
  const actions = await q.query<{
    n: number;
    kind: ActionKind;
    action: string;
    owner: string;
    due_on: string | null;
    done_at: Date | null;
    done_by: string | null;
  }>(
    'select n, kind, action, owner, due_on, done_at, done_by from breach_actions where breach_id = $1 order by n',
    [r.id],
  );
  return {
    id: r.id,
    controllerId: r.controller_id,
    kind: r.kind,
    types: r.types,
    summary: r.summary,
    occurredAt: r.occurred_at,
    awareAt: r.aware_at,
    categories: r.categories,
    activities: r.activities,
    coreData: r.core_data,
    approxPeople: r.approx_people,
    approxRecords: r.approx_records,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    assessment: r.risk
      ? {
          likelihood: r.likelihood!,
          severity: r.severity!,
          risk: r.risk,
          consequences: r.consequences ?? '',
          reasons: r.risk_reasons ?? '',
          at: r.assessed_at!,
          by: r.assessed_by!,
        }
      : null,
    decision: r.ico_decision
      ? {
          ico: r.ico_decision,
          icoReasons: r.ico_reasons ?? '',
          people: r.people_decision!,
          peopleException: r.people_exception,
          peopleReasons: r.people_reasons ?? '',
          messageToPeople: r.message_to_people,
          consequencesForPeople: r.consequences_for_people,
          at: r.decided_at!,
          by: r.decided_by!,
        }
      : null,
    icoReport: report(r.ico_reported_at, r.ico_reference, r.ico_delay_reasons),
    coreReport: report(r.core_reported_at, r.core_reference, r.core_delay_reasons),
    clocks: clocksOf(r, now),
    affected: {
      people: affected?.people ?? 0,
      lettersPrepared: affected?.prepared ?? 0,
      lettersSent: affected?.letters ?? 0,
    },
    history: await loadHistory(q, r.id),
    returnIds: returns.map((x) => x.return_id),
    actions: actions.map((a) => ({
      n: a.n,
      kind: a.kind,
      action: a.action,
      owner: a.owner,
      dueOn: a.due_on,
      doneAt: a.done_at,
      doneBy: a.done_by,
    })),
    status: r.status,
    lessons: r.lessons,
    closedAt: r.closed_at,
  };
}
