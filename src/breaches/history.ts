/**
 * Every assessment and decision on a breach, kept (UK GDPR Art. 33(5): the controller documents
 * the facts, the effects and the action taken, so it can show what it decided, when, by whom and
 * why). Entries are only ever added, numbered from 1; the latest is the current one. Once the ICO
 * has been told, or letters prepared, a change must give its reason and is shown as a revision;
 * deciding after a report that the ICO need not be told must say, in plain words, that the report
 * stands.
 */
import { momentWords } from '../manifest/words.ts';
import { InputError } from '../records/errors.ts';
import { checkText } from '../rights/requests/input.ts';
import type { Queryable } from '../store/db.ts';
import type { BreachRow } from './rows.ts';
import type {
  IcoDecision,
  Likelihood,
  PeopleDecision,
  PeopleException,
  RiskLevel,
  Severity,
} from './vocabulary.ts';

interface Entry {
  n: number;
  at: Date;
  by: string;
  /** Why it was changed, when made after the ICO was told or letters were prepared. */
  revisionReason: string | null;
}

export interface AssessmentEntry extends Entry {
  likelihood: Likelihood;
  severity: Severity;
  risk: RiskLevel;
  consequences: string;
  reasons: string;
}

export interface DecisionEntry extends Entry {
  ico: IcoDecision;
  icoReasons: string;
  people: PeopleDecision;
  peopleException: PeopleException | null;
  peopleReasons: string;
  messageToPeople: string | null;
  consequencesForPeople: string | null;
}

export interface History {
  assessments: AssessmentEntry[];
  decisions: DecisionEntry[];
}

/** Every entry, oldest first. */
export async function loadHistory(q: Queryable, breachId: string): Promise<History> {
  const assessments = await q.query<AssessmentEntry>(
    `select n, made_at as "at", made_by as "by", revision_reason as "revisionReason", likelihood, severity,
       risk, consequences, reasons
     from breach_assessments where breach_id = $1 order by n`,
    [breachId],
  );
  const decisions = await q.query<DecisionEntry>(
    `select n, made_at as "at", made_by as "by", revision_reason as "revisionReason", ico_decision as "ico",
       ico_reasons as "icoReasons", people_decision as "people", people_exception as "peopleException",
       people_reasons as "peopleReasons", message_to_people as "messageToPeople",
       consequences_for_people as "consequencesForPeople"
     from breach_decisions where breach_id = $1 order by n`,
    [breachId],
  );
  return { assessments, decisions };
}

/** The next entry's number in a history table (breach_assessments or breach_decisions). */
export async function nextEntry(
  tx: Queryable,
  table: 'breach_assessments' | 'breach_decisions',
  breachId: string,
): Promise<number> {
  const [next] = await tx.query<{ n: number }>(
    `select coalesce(max(n), 0)::int + 1 as n from ${table} where breach_id = $1`,
    [breachId],
  );
  return next!.n;
}

/** What has gone out about the breach, in words, or null while nothing has. */
export async function whatWentOut(q: Queryable, row: BreachRow): Promise<string | null> {
  const [letters] = await q.query<{ n: number }>(
    'select count(*)::int as n from breach_affected where breach_id = $1 and letter_prepared_at is not null',
    [row.id],
  );
  const out = [
    row.ico_reported_at && `the ICO was told on ${momentWords(row.ico_reported_at)}`,
    letters!.n > 0 && `letters were prepared for ${letters!.n} ${letters!.n === 1 ? 'person' : 'people'}`,
  ].filter(Boolean);
  return out.length ? out.join(' and ') : null;
}

/**
 * The reason for a change, needed when there is an earlier entry and something has gone out:
 * the earlier entry stays, and the change is shown as a revision with this reason.
 */
export function checkRevision(
  earlier: boolean,
  wentOut: string | null,
  reason: unknown,
  what: 'assessment' | 'decision',
): string | null {
  const given = checkText(reason, 'revisionReason', false)?.trim() || null;
  if (earlier && wentOut && !given)
    throw new InputError(
      'revisionReason',
      `is needed: ${wentOut}, so say why the ${what} is being changed (the earlier one is kept)`,
    );
  return earlier ? given : null;
}

/**
 * After the ICO has been told, a decision that it need not have been must say so: the report is
 * not withdrawn by it, and the decision is shown beside the report.
 */
export function checkIcoAfterReport(row: BreachRow, ico: IcoDecision, acknowledged: unknown): void {
  if (ico !== 'not-notify' || !row.ico_reported_at || acknowledged === true) return;
  throw new InputError(
    'reportStands',
    `must be confirmed: the ICO was told on ${momentWords(row.ico_reported_at)}${row.ico_reference ? ` (reference ${row.ico_reference})` : ''}. Deciding now that they need not have been told does not withdraw that report`,
  );
}
