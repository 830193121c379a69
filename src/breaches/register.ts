/**
 * The breach register (UK GDPR Art. 33(5)): every breach and near miss, recorded with when the
 * controller became aware; the risk assessment; the decisions, with reasons, to tell the ICO and
 * the people affected; the reports made against the 72-hour (and, with CORE data, 24-hour)
 * clocks; actions; and the lessons learnt on closing. Each step checks its input and the order of
 * things, refuses with the field and the reason (audited, nothing written), and is audited.
 *
 * A breach's words describe the incident, never the people: who was affected is kept by id
 * (affected.ts) and their names appear only in the letters, read through the gate.
 */
import { randomUUID } from 'node:crypto';
import { lookup } from '../manifest/lookup.ts';
import { InputError } from '../records/errors.ts';
import { manifestFor, registerController, type Call, type Store } from '../records/store.ts';
import { checkId, checkOneOf, checkText } from '../rights/requests/input.ts';
import { momentWords } from '../manifest/words.ts';
import type { Queryable } from '../store/db.ts';
import { coreDeadline, icoDeadline } from './clock.ts';
import {
  checkCount,
  checkDeclared,
  checkDueOn,
  checkOccurredAt,
  checkPastInstant,
  checkTypes,
} from './input.ts';
import { auditRegisterRead } from './read-audit.ts';
import { clocksOf, loadBreach, viewOf, type BreachRow, type BreachView } from './rows.ts';
import { openBreach, required, step } from './steps.ts';
import {
  ACTION_KINDS,
  BREACH_KINDS,
  BREACH_STATUSES,
  REPORT_TARGETS,
  type ActionKind,
  type BreachKind,
  type BreachStatus,
  type BreachType,
  type ReportTarget,
} from './vocabulary.ts';

export interface NewBreach {
  kind: BreachKind;
  types: BreachType[];
  /** What happened, in words that name no one. */
  summary: string;
  occurredAt?: Date | string;
  /** When the controller became reasonably certain personal data was compromised. */
  awareAt: Date | string;
  categories?: string[];
  /**
   * The processing activities it affected, where known (the manifest's activity ids). The record
   * of processing links the breach to these; without them, to activities by its categories.
   */
  activities?: string[];
  /** CORE data was involved: the 24-hour report to MHCLG applies. */
  coreData?: boolean;
  /** Routine returns the breach involved (e.g. a file sent to the wrong place). */
  returnIds?: string[];
  approxPeople?: number;
  approxRecords?: number;
}

async function checkReturns(
  q: Queryable,
  controllerId: string,
  ids: unknown,
): Promise<{ ids: string[]; core: boolean }> {
  if (ids === undefined) return { ids: [], core: false };
  if (!Array.isArray(ids)) throw new InputError('returnIds', 'must be a list');
  const checked = ids.map((id, i) => checkId(id, `returnIds[${i}]`));
  const rows = await q.query<{ id: string; kind: string }>(
    'select id, kind from routine_returns where controller_id = $1 and id = any($2::uuid[])',
    [controllerId, checked],
  );
  const missing = checked.findIndex((id) => !rows.some((r) => r.id === id));
  if (missing >= 0) throw new InputError(`returnIds[${missing}]`, 'is not a return of this controller');
  return { ids: checked, core: rows.some((r) => r.kind === 'core') };
}

/** How long a form sent twice (a double click, a refresh) is taken as the same breach. */
const RESUBMITTED_WITHIN_MS = 10 * 60 * 1000;

/** What a breach was logged with, as checked: a form sent again gives the same. */
export interface Logged {
  kind: string;
  types: string[];
  summary: string;
  awareAt: Date;
  occurredAt: Date | null;
  categories: string[];
  activities: string[];
  coreData: boolean;
  approxPeople: number | null;
  approxRecords: number | null;
}

/**
 * The breach this actor logged in the last few minutes with exactly the same details, if any: a
 * form sent again (a double click, a refresh) is the same breach, not a second one.
 */
export async function sameBreachJustRecorded(
  q: Queryable,
  call: Call,
  b: Logged,
  now: Date,
): Promise<string | undefined> {
  const [row] = await q.query<{ id: string }>(
    `select id from breaches where controller_id = $1 and recorded_by = $2 and recorded_at >= $3
       and kind = $4 and types = $5::text[] and summary = $6 and aware_at = $7
       and occurred_at is not distinct from $8 and categories = $9::text[] and activities = $10::text[]
       and core_data = $11 and approx_people is not distinct from $12 and approx_records is not distinct from $13
     order by recorded_at desc limit 1`,
    [
      call.actor.controllerId,
      call.actor.id,
      new Date(now.getTime() - RESUBMITTED_WITHIN_MS),
      b.kind,
      b.types,
      b.summary,
      b.awareAt,
      b.occurredAt,
      b.categories,
      b.activities,
      b.coreData,
      b.approxPeople,
      b.approxRecords,
    ],
  );
  return row?.id;
}

/**
 * Record a breach or near miss; returns its id. The same breach sent again by the same person
 * within minutes, with exactly the same details, returns the one already recorded.
 */
export async function recordBreach(store: Store, call: Call, input: NewBreach): Promise<string> {
  const controllerId = call.actor.controllerId;
  const manifest = manifestFor(store, controllerId);
  const now = store.now();
  return step(
    store,
    call,
    'breach.create',
    async () => {
      const kind = checkOneOf(input?.kind, BREACH_KINDS, 'kind');
      const types = checkTypes(input.types);
      const summary = required(input.summary, 'summary');
      const awareAt = checkPastInstant(input.awareAt, 'awareAt', now);
      const occurredAt =
        input.occurredAt === undefined ? null : checkOccurredAt(input.occurredAt, awareAt, now);
      const declared = lookup(manifest);
      const categories = checkDeclared(input.categories, declared.categories, 'categories', 'a category');
      const activities = checkDeclared(
        input.activities,
        declared.activities,
        'activities',
        'a processing activity',
      );
      const returns = await checkReturns(store.db, controllerId, input.returnIds);
      const logged: Logged = {
        kind,
        types,
        summary,
        awareAt,
        occurredAt,
        categories,
        activities,
        coreData: input.coreData === true || returns.core,
        approxPeople: checkCount(input.approxPeople, 'approxPeople'),
        approxRecords: checkCount(input.approxRecords, 'approxRecords'),
      };
      return { ...logged, returns, duplicate: await sameBreachJustRecorded(store.db, call, logged, now) };
    },
    async (tx, c, at) => {
      if (c.duplicate) return c.duplicate;
      const id = randomUUID();
      await registerController(tx, manifest);
      await tx.query(
        `insert into breaches (id, controller_id, kind, types, summary, occurred_at, aware_at, categories, core_data,
           approx_people, approx_records, recorded_at, recorded_by, activities)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          id,
          controllerId,
          c.kind,
          c.types,
          c.summary,
          c.occurredAt,
          c.awareAt,
          c.categories,
          c.coreData,
          c.approxPeople,
          c.approxRecords,
          at,
          call.actor.id,
          c.activities,
        ],
      );
      for (const returnId of c.returns.ids)
        await tx.query('insert into breach_returns (breach_id, return_id) values ($1, $2)', [id, returnId]);
      return id;
    },
  );
}

export interface Report {
  to: ReportTarget;
  reportedAt: Date | string;
  reference?: string;
  /** Required when the report is made after the deadline. */
  delayReasons?: string;
}

/** Record the report to the ICO (72 hours) or, with CORE data, to MHCLG (24 hours). */
export async function recordReport(store: Store, call: Call, breachId: string, r: Report): Promise<string> {
  return step(
    store,
    call,
    'breach.report',
    async () => {
      const row = await openBreach(store, call, breachId);
      const to = checkOneOf(r?.to, REPORT_TARGETS, 'to');
      if (to === 'ico' && row.ico_decision !== 'notify')
        throw new InputError('to', 'record the decision to tell the ICO first');
      if (to === 'core' && !row.core_data)
        throw new InputError('to', 'no CORE data is involved in this breach');
      if ((to === 'ico' ? row.ico_reported_at : row.core_reported_at) !== null)
        throw new InputError('to', `the report to ${to === 'ico' ? 'the ICO' : 'MHCLG'} is already recorded`);
      const reportedAt = checkPastInstant(r.reportedAt, 'reportedAt', store.now());
      if (reportedAt < row.aware_at)
        throw new InputError(
          'reportedAt',
          `cannot be before we became aware of the breach (${momentWords(row.aware_at)}): ${momentWords(reportedAt)} is earlier`,
        );
      const deadline = to === 'ico' ? icoDeadline(row.aware_at) : coreDeadline(row.aware_at);
      const late = reportedAt > deadline;
      const delayReasons = checkText(r.delayReasons, 'delayReasons', late) ?? null;
      if (late && !delayReasons?.trim())
        throw new InputError('delayReasons', 'is required: the report is late, and must say why');
      return {
        row,
        to,
        reportedAt,
        reference: checkText(r.reference, 'reference', false) ?? null,
        delayReasons,
      };
    },
    async (tx, c) => {
      const prefix = c.to === 'ico' ? 'ico' : 'core';
      await tx.query(
        `update breaches set ${prefix}_reported_at = $2, ${prefix}_reference = $3, ${prefix}_delay_reasons = $4 where id = $1`,
        [c.row.id, c.reportedAt, c.reference, c.delayReasons],
      );
      return c.row.id;
    },
  );
}

export interface NewAction {
  kind: ActionKind;
  action: string;
  owner: string;
  dueOn?: string;
}

export async function addAction(store: Store, call: Call, breachId: string, a: NewAction): Promise<number> {
  let n = 0;
  await step(
    store,
    call,
    'breach.action',
    async () => {
      const row = await openBreach(store, call, breachId);
      const dueOn = checkDueOn(a?.dueOn);
      return {
        row,
        kind: checkOneOf(a.kind, ACTION_KINDS, 'kind'),
        action: required(a.action, 'action'),
        owner: required(a.owner, 'owner'),
        dueOn,
      };
    },
    async (tx, c, at) => {
      const [next] = await tx.query<{ n: number }>(
        'select coalesce(max(n), 0)::int + 1 as n from breach_actions where breach_id = $1',
        [c.row.id],
      );
      n = next!.n;
      await tx.query(
        `insert into breach_actions (breach_id, n, kind, action, owner, due_on, created_at, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [c.row.id, n, c.kind, c.action, c.owner, c.dueOn, at, call.actor.id],
      );
      return c.row.id;
    },
  );
  return n;
}

export async function completeAction(store: Store, call: Call, breachId: string, n: number): Promise<string> {
  return step(
    store,
    call,
    'breach.action',
    async () => {
      const row = await openBreach(store, call, breachId);
      const [action] = await store.db.query<{ done_at: Date | null }>(
        'select done_at from breach_actions where breach_id = $1 and n = $2',
        [row.id, Number.isInteger(n) ? n : -1],
      );
      if (!action) throw new InputError('n', `there is no action ${n} on this breach`);
      if (action.done_at) throw new InputError('n', `action ${n} is already done`);
      return row;
    },
    async (tx, row, at) => {
      await tx.query('update breach_actions set done_at = $3, done_by = $4 where breach_id = $1 and n = $2', [
        row.id,
        n,
        at,
        call.actor.id,
      ]);
      return row.id;
    },
  );
}

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** What still stands between a breach and closing it, in words. */
async function outstanding(q: Queryable, row: BreachRow): Promise<string[]> {
  const out: string[] = [];
  if (row.kind === 'breach') {
    if (!row.risk) out.push('the risk has not been assessed');
    else if (!row.ico_decision) out.push('the decision to tell the ICO and the people has not been made');
    if (row.ico_decision === 'notify' && !row.ico_reported_at)
      out.push('the report to the ICO is not recorded');
    if (row.core_data && !row.core_reported_at) out.push('the report to MHCLG (CORE data) is not recorded');
    if (row.people_decision === 'notify') {
      const [left] = await q.query<{ n: number }>(
        'select count(*)::int as n from breach_affected where breach_id = $1 and letter_at is null',
        [row.id],
      );
      if (left!.n > 0)
        out.push(`${people(left!.n)} affected ${left!.n === 1 ? 'has' : 'have'} not been sent a letter`);
    }
  }
  const [open] = await q.query<{ n: number }>(
    'select count(*)::int as n from breach_actions where breach_id = $1 and done_at is null',
    [row.id],
  );
  if (open!.n > 0) out.push(`${open!.n} ${open!.n === 1 ? 'action is' : 'actions are'} not done`);
  return out;
}

/** Close a breach with the lessons learnt; refused while anything is outstanding. */
export async function closeBreach(
  store: Store,
  call: Call,
  breachId: string,
  close: { lessons: string },
): Promise<string> {
  return step(
    store,
    call,
    'breach.close',
    async () => {
      const row = await openBreach(store, call, breachId);
      const lessons = required(close?.lessons, 'lessons');
      const left = await outstanding(store.db, row);
      if (left.length)
        throw new InputError('breachId', `The breach cannot be closed yet: ${left.join('; ')}`);
      return { row, lessons };
    },
    async (tx, c, at) => {
      await tx.query(
        `update breaches set status = 'closed', lessons = $2, closed_at = $3, closed_by = $4 where id = $1`,
        [c.row.id, c.lessons, at, call.actor.id],
      );
      return c.row.id;
    },
  );
}

/** One breach in full; the read is audited (read-audit.ts). */
export async function readBreach(store: Store, call: Call, breachId: string): Promise<BreachView> {
  const row = await loadBreach(store.db, call.actor.controllerId, checkId(breachId, 'breachId'));
  const view = await viewOf(store.db, row, store.now());
  await auditRegisterRead(store, call, 'breach.read', [row.id]);
  return view;
}

export interface BreachLine {
  id: string;
  kind: BreachKind;
  summary: string;
  awareAt: Date;
  status: BreachStatus;
  clocks: ReturnType<typeof clocksOf>;
}

/**
 * The register of the caller's controller, open breaches first and the nearest deadline first:
 * the DPO's dashboard. The read is audited, naming the breaches listed (read-audit.ts).
 */
export async function listBreaches(
  store: Store,
  call: Call,
  options: { open?: boolean } = {},
): Promise<BreachLine[]> {
  const rows = await store.db.query<BreachRow>(
    `select * from breaches where controller_id = $1 and ($2::boolean is not true or status <> 'closed')
      order by status = 'reported' desc, aware_at desc, id`,
    [call.actor.controllerId, options.open ?? false],
  );
  await auditRegisterRead(
    store,
    call,
    'breach.list',
    rows.map((r) => r.id),
  );
  const now = store.now();
  const urgency = (l: BreachLine) => {
    const running = [l.clocks.ico, l.clocks.core].filter((c) => c && c.hoursLeft !== null);
    return running.length ? Math.min(...running.map((c) => c!.hoursLeft!)) : Infinity;
  };
  return rows
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      summary: r.summary,
      awareAt: r.aware_at,
      status: r.status,
      clocks: clocksOf(r, now),
    }))
    .sort((a, b) => {
      if (a.status !== b.status) return BREACH_STATUSES.indexOf(a.status) - BREACH_STATUSES.indexOf(b.status);
      const [x, y] = [urgency(a), urgency(b)];
      return x === y ? 0 : x < y ? -1 : 1;
    });
}
