/**
 * The risk assessment and the decision whom to tell: each kept as a dated, attributed entry in the
 * breach's history (history.ts), the latest copied onto the breach as the current one. A change
 * after the ICO was told or letters were prepared needs its reason.
 */
import { InputError } from '../records/errors.ts';
import type { Call, Store } from '../records/store.ts';
import { checkOneOf, checkText } from '../rights/requests/input.ts';
import { checkDecision, riskLevel } from './clock.ts';
import { checkIcoAfterReport, checkRevision, nextEntry, whatWentOut } from './history.ts';
import { openBreach, required, step } from './steps.ts';
import {
  ICO_DECISIONS,
  LIKELIHOODS,
  PEOPLE_DECISIONS,
  PEOPLE_EXCEPTION_IDS,
  SEVERITIES,
  type IcoDecision,
  type Likelihood,
  type PeopleDecision,
  type PeopleException,
  type Severity,
} from './vocabulary.ts';

export interface Assessment {
  likelihood: Likelihood;
  severity: Severity;
  /** The likely consequences for the people affected, as the DPO assesses them (internal). */
  consequences: string;
  reasons: string;
  /** Why an earlier assessment is changed: needed once the ICO was told or letters prepared. */
  revisionReason?: string;
}

/** Assess the risk to people: the level follows from likelihood and severity (clock.ts). */
export async function assessRisk(store: Store, call: Call, breachId: string, a: Assessment): Promise<string> {
  return step(
    store,
    call,
    'breach.assess',
    async () => {
      const row = await openBreach(store, call, breachId);
      if (row.kind === 'near-miss')
        throw new InputError(
          'breachId',
          'a near miss compromised no personal data: there is no risk to assess',
        );
      const likelihood = checkOneOf(a?.likelihood, LIKELIHOODS, 'likelihood');
      const severity = checkOneOf(a.severity, SEVERITIES, 'severity');
      const consequences = required(a.consequences, 'consequences');
      const reasons = required(a.reasons, 'reasons');
      const revision = checkRevision(
        row.risk !== null,
        await whatWentOut(store.db, row),
        a.revisionReason,
        'assessment',
      );
      return { row, likelihood, severity, consequences, reasons, revision };
    },
    async (tx, c, at) => {
      const risk = riskLevel(c.likelihood, c.severity);
      const n = await nextEntry(tx, 'breach_assessments', c.row.id);
      await tx.query(
        `insert into breach_assessments (breach_id, n, likelihood, severity, risk, consequences, reasons,
           revision_reason, made_at, made_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          c.row.id,
          n,
          c.likelihood,
          c.severity,
          risk,
          c.consequences,
          c.reasons,
          c.revision,
          at,
          call.actor.id,
        ],
      );
      await tx.query(
        `update breaches set likelihood = $2, severity = $3, risk = $4, consequences = $5, risk_reasons = $6,
           assessed_at = $7, assessed_by = $8 where id = $1`,
        [c.row.id, c.likelihood, c.severity, risk, c.consequences, c.reasons, at, call.actor.id],
      );
      return c.row.id;
    },
  );
}

export interface NotificationDecision {
  ico: IcoDecision;
  icoReasons: string;
  people: PeopleDecision;
  peopleReasons: string;
  peopleException?: PeopleException;
  /** What the people affected are told happened, in plain words (needed unless they are not told). */
  messageToPeople?: string;
  /**
   * What this could mean for them, written for them: the letters' "What this could mean for you"
   * (needed when writing to each person). The internal assessment is never copied into a letter.
   */
  consequencesForPeople?: string;
  /** Why an earlier decision is changed: needed once the ICO was told or letters prepared. */
  revisionReason?: string;
  /** Deciding, after the ICO was told, that it need not have been: confirms the report stands. */
  reportStands?: boolean;
}

function checkMessages(d: NotificationDecision, people: PeopleDecision) {
  const told = people !== 'not-notify';
  const say = (value: unknown, field: string, needed: boolean) =>
    needed ? required(value, field) : checkText(value, field, false)?.trim() || null;
  return {
    message: say(d.messageToPeople, 'messageToPeople', told),
    consequencesForPeople: say(d.consequencesForPeople, 'consequencesForPeople', people === 'notify'),
  };
}

/** Decide whether to tell the ICO and the people, with reasons; checked against the assessment. */
export async function decideNotification(
  store: Store,
  call: Call,
  breachId: string,
  d: NotificationDecision,
): Promise<string> {
  return step(
    store,
    call,
    'breach.decide',
    async () => {
      const row = await openBreach(store, call, breachId);
      if (!row.risk) throw new InputError('breachId', 'assess the risk first: the decision depends on it');
      const ico = checkOneOf(d?.ico, ICO_DECISIONS, 'ico');
      const people = checkOneOf(d.people, PEOPLE_DECISIONS, 'people');
      const peopleException =
        d.peopleException === undefined
          ? null
          : checkOneOf(d.peopleException, PEOPLE_EXCEPTION_IDS, 'peopleException');
      const refusal = checkDecision(row.risk, { ico, people, peopleException });
      if (refusal) throw new InputError(refusal.field, refusal.reason);
      const icoReasons = required(d.icoReasons, 'icoReasons');
      const peopleReasons = required(d.peopleReasons, 'peopleReasons');
      const messages = checkMessages(d, people);
      checkIcoAfterReport(row, ico, d.reportStands);
      const revision = checkRevision(
        row.ico_decision !== null,
        await whatWentOut(store.db, row),
        d.revisionReason,
        'decision',
      );
      return { row, ico, people, peopleException, icoReasons, peopleReasons, ...messages, revision };
    },
    async (tx, c, at) => {
      const n = await nextEntry(tx, 'breach_decisions', c.row.id);
      const values = [c.ico, c.icoReasons, c.people, c.peopleException, c.peopleReasons, c.message];
      await tx.query(
        `insert into breach_decisions (breach_id, n, ico_decision, ico_reasons, people_decision, people_exception,
           people_reasons, message_to_people, consequences_for_people, revision_reason, made_at, made_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [c.row.id, n, ...values, c.consequencesForPeople, c.revision, at, call.actor.id],
      );
      await tx.query(
        `update breaches set ico_decision = $2, ico_reasons = $3, people_decision = $4, people_exception = $5,
           people_reasons = $6, message_to_people = $7, consequences_for_people = $8, decided_at = $9,
           decided_by = $10 where id = $1`,
        [c.row.id, ...values, c.consequencesForPeople, at, call.actor.id],
      );
      return c.row.id;
    },
  );
}
