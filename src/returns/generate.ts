/**
 * Generating a routine return: check it may be made (the activity declared, an agreement in force
 * that covers the activity and every category the return carries), plan who is in it from the
 * facts in clear, read their data through the gate under the return's activity (objections and
 * restriction honoured), build the file(s), then log the return and one disclosure per person in
 * one transaction. The files are handed back only once that has committed.
 */
import { createHash, randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/append.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Manifest } from '../manifest/schema.ts';
import { AccessDenied, InputError } from '../records/errors.ts';
import { readForReturn } from '../records/returns.ts';
import {
  auditEvent,
  manifestFor,
  recordDenial,
  registerController,
  type Call,
  type Store,
  vaultOf,
} from '../records/store.ts';
import { isIsoDate, type IsoDate } from '../rights/clock/index.ts';
import { auditingDenials } from '../rights/requests/gate.ts';
import { checkOneOf, checkPastDate, checkText, ukDate } from '../rights/requests/input.ts';
import { listAgreements } from '../sharing/agreements.ts';
import { insertDisclosures, type NewDisclosureRow } from '../sharing/rows.ts';
import { checkSharing, type AgreementView } from '../sharing/scope.ts';
import { buildCore, planCore } from './core.ts';
import { RETURN_KIND_INFO, RETURN_KINDS, type ReturnKind } from './kinds.ts';
import { buildNfi, planNfi } from './nfi.ts';
import { buildRentalExchange, planRentalExchange } from './rental-exchange.ts';
import { STRUCTURAL, type Built, type Period, type ReturnFile } from './types.ts';

export interface ReturnRequest {
  controllerId: string;
  kind: ReturnKind;
  from: IsoDate;
  to: IsoDate;
  /** Who approved sending it. */
  approvedBy: string;
  /** Who asked for it, when Custos itself makes it (default: the caller's actor). */
  generatedBy?: string;
  /** The activity it is made for; default: the kind's (e.g. national-fraud-initiative). */
  activityId?: string;
  /** Needed only when several agreements cover the activity. */
  agreementId?: string;
  /** CORE only: the landlord's CORE organisation code, for fields 1 and 2. */
  coreOrganisation?: string;
}

export interface ReturnResult {
  returnId: string;
  kind: ReturnKind;
  recipientId: string;
  agreementId: string;
  activityId: string;
  files: ReturnFile[];
  people: number;
  rows: number;
  /** People left out, by reason: objected, restricted, erased, refused, or the kind's own. */
  excluded: Record<string, number>;
}

interface Resolved {
  kind: ReturnKind;
  period: Period;
  approvedBy: string;
  activityId: string;
  agreement: AgreementView;
  fields: Map<string, string[]>;
  categories: string[];
}

function checkPeriod(req: ReturnRequest, today: IsoDate): Period {
  for (const f of ['from', 'to'] as const)
    if (!isIsoDate(req[f]))
      throw new InputError(f, `${JSON.stringify(req[f])} is not a real date written YYYY-MM-DD`);
  const to = checkPastDate(req.to, 'to', today);
  if (req.from > to) throw new InputError('from', `${req.from} is after the end of the period (${to})`);
  return { from: req.from, to };
}

/** The fields the return reads, by record type: those the manifest declares and that serve the activity. */
function fieldsToRead(manifest: Manifest, kind: ReturnKind, activityId: string): Map<string, string[]> {
  const types = lookup(manifest).recordTypes;
  const out = new Map<string, string[]>();
  for (const want of RETURN_KIND_INFO[kind].reads) {
    const type = types.get(want.recordType);
    const serves = type?.activities.includes(activityId);
    if (!type || !serves) {
      if (want.required.length === 0) continue;
      throw new InputError(
        'activityId',
        type
          ? `${type.name} records do not serve ${activityId}; add it to the record type's activities in the manifest`
          : `the manifest declares no "${want.recordType}" record type, which this return needs`,
      );
    }
    const missing = want.required.filter((f) => !type.fields.some((x) => x.name === f));
    if (missing.length)
      throw new InputError(
        'fields',
        `${type.name} records have no ${missing.join(', ')}, which this return needs`,
      );
    out.set(
      type.id,
      want.fields.filter((f) => type.fields.some((x) => x.name === f)),
    );
  }
  return out;
}

/** The categories of what a return carries: its fields' and the structural facts' (those declared). */
function categoriesOf(manifest: Manifest, kind: ReturnKind, what: Iterable<string>): string[] {
  const l = lookup(manifest);
  const out = new Set<string>();
  for (const w of what) {
    if (w === STRUCTURAL) {
      RETURN_KIND_INFO[kind].structural.filter((c) => l.categories.has(c)).forEach((c) => out.add(c));
      continue;
    }
    const [type, field] = w.split('.');
    const category = l.recordTypes.get(type!)?.fields.find((f) => f.name === field)?.category;
    if (category) out.add(category);
  }
  return [...out].sort();
}

function chooseAgreement(
  agreements: AgreementView[],
  activityName: string,
  activityId: string,
  wanted: string | undefined,
  today: IsoDate,
) {
  const covering = agreements.filter((a) => a.scope.activities.includes(activityId));
  if (wanted !== undefined) {
    const chosen = agreements.find((a) => a.id === wanted);
    if (!chosen) throw new InputError('agreementId', `"${wanted}" is not an agreement of this controller`);
    return chosen;
  }
  if (covering.length === 0)
    throw new InputError(
      'agreementId',
      `no agreement covers ${activityName}: sharing without one is refused`,
    );
  const inForce = covering.filter(
    (a) => (!a.startsOn || a.startsOn <= today) && (!a.expiresOn || a.expiresOn >= today),
  );
  if (inForce.length > 1)
    throw new InputError(
      'agreementId',
      `several agreements cover ${activityName}; give one of ${inForce.map((a) => a.id).join(', ')}`,
    );
  return inForce[0] ?? covering[0]!;
}

async function resolve(
  store: Store,
  manifest: Manifest,
  req: ReturnRequest,
  today: IsoDate,
): Promise<Resolved> {
  const kind = checkOneOf(req.kind, RETURN_KINDS, 'kind');
  const period = checkPeriod(req, today);
  const approvedBy = checkText(req.approvedBy, 'approvedBy', true)!.trim();
  const activityId = req.activityId ?? RETURN_KIND_INFO[kind].activity;
  const activity = lookup(manifest).activities.get(activityId);
  if (!activity)
    throw new InputError(
      'activityId',
      `"${activityId}" is not an activity the manifest declares (see docs/returns.md)`,
    );
  const fields = fieldsToRead(manifest, kind, activityId);
  const planned = [...fields].flatMap(([type, fs]) => fs.map((f) => `${type}.${f}`));
  const categories = categoriesOf(manifest, kind, [...planned, STRUCTURAL]);
  const agreement = chooseAgreement(
    await listAgreements(store, manifest.controller.id),
    activity.name,
    activityId,
    req.agreementId,
    today,
  );
  const refusal = checkSharing(manifest, agreement, {
    recipientId: agreement.recipientId,
    activityId,
    categories,
    on: today,
  });
  if (refusal) throw new InputError(refusal.field, refusal.reason);
  return { kind, period, approvedBy, activityId, agreement, fields, categories };
}

/**
 * A return must be whole: the person's own objection or restriction leaves them out, but the gate
 * refusing the actor (no role for the activity, out of scope) stops the return.
 */
function refusalOf(reason: string | null, counts: Record<string, number>): AccessDenied | null {
  if (!reason) return null;
  return new AccessDenied(
    `${reason} (refused for ${counts.refused} of the people this return needs; nothing was sent or logged)`,
  );
}

async function planAndBuild(store: Store, call: Call, req: ReturnRequest, r: Resolved) {
  const q = store.db;
  const c = req.controllerId;
  const read = async <C>(plan: { people: Map<string, string[]>; context: C }) => ({
    plan,
    read: await readForReturn(
      store,
      { ...call, purpose: r.activityId },
      {
        controllerId: c,
        people: plan.people,
        fields: r.fields,
        action: `return.${r.kind}`,
      },
    ),
  });
  let built: Built;
  let excluded: Map<string, string>;
  let reason: string | null;
  if (r.kind === 'nfi') {
    const x = await read(await planNfi(q, c, r.period));
    [built, excluded, reason] = [buildNfi(x.plan.context, x.read.opened), x.read.excluded, x.read.refusal];
  } else if (r.kind === 'core') {
    const x = await read(await planCore(q, c, r.period, req.coreOrganisation?.trim() || null));
    [built, excluded, reason] = [buildCore(x.plan.context, x.read.opened), x.read.excluded, x.read.refusal];
  } else {
    const x = await read(await planRentalExchange(q, c, r.period));
    [built, excluded, reason] = [
      buildRentalExchange(x.plan.context, x.read.opened),
      x.read.excluded,
      x.read.refusal,
    ];
  }
  const counts: Record<string, number> = { ...built.skipped };
  for (const why of excluded.values()) counts[why] = (counts[why] ?? 0) + 1;
  return { built, excluded: counts, refusal: refusalOf(reason, counts) };
}

export async function generateReturn(store: Store, call: Call, req: ReturnRequest): Promise<ReturnResult> {
  const manifest = manifestFor(store, req.controllerId);
  const today = ukDate(store.now());
  const action = `return.${typeof req.kind === 'string' ? req.kind : 'unknown'}`;
  const r = await auditingDenials(store, call, req.controllerId, action, undefined, () =>
    resolve(store, manifest, req, today),
  );
  const { built, excluded, refusal } = await planAndBuild(store, call, req, r);
  if (refusal) {
    await recordDenial(
      store,
      auditEvent(call, req.controllerId, store.now(), {
        action: `${action}.create`,
        outcome: 'denied',
        reason: refusal.message,
      }),
    );
    throw refusal;
  }
  const returnId = randomUUID();
  const people = [...built.disclosed.keys()];
  const keys = await vaultOf(store).load(people);
  const now = store.now();
  const description = `${RETURN_KIND_INFO[r.kind].label}, ${r.period.from} to ${r.period.to}`;
  const rows: NewDisclosureRow[] = people.flatMap((personId) => {
    const key = keys.get(personId);
    if (!key) return [];
    return [
      {
        id: randomUUID(),
        controller_id: req.controllerId,
        person_id: personId,
        kind: 'routine' as const,
        return_id: returnId,
        recipient_id: r.agreement.recipientId,
        representative_id: null,
        recipient_kind: lookup(manifest).recipients.get(r.agreement.recipientId)?.role ?? 'organisation',
        activity_id: r.activityId,
        basis: 'agreement' as const,
        agreement_id: r.agreement.id,
        categories: categoriesOf(manifest, r.kind, built.disclosed.get(personId)!),
        disclosed_on: today,
        approved_by: r.approvedBy,
        withheld_from_subject: false,
        words: { reference: returnId, recipientName: null, description, reasons: null },
        key,
        created_at: now,
        created_by: call.actor.id,
      },
    ];
  });
  const total = built.files.reduce((n, f) => n + f.rows, 0);
  await store.db.transaction(async (tx) => {
    await registerController(tx, manifest);
    await tx.query(
      `insert into routine_returns (id, controller_id, kind, recipient_id, agreement_id, activity_id, period_from, period_to,
         generated_at, generated_by, approved_by, people, row_count, excluded, files)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        returnId,
        req.controllerId,
        r.kind,
        r.agreement.recipientId,
        r.agreement.id,
        r.activityId,
        r.period.from,
        r.period.to,
        now,
        req.generatedBy?.trim() || call.actor.id,
        r.approvedBy,
        rows.length,
        total,
        JSON.stringify(excluded),
        JSON.stringify(
          built.files.map((f) => ({
            name: f.name,
            rows: f.rows,
            sha256: createHash('sha256').update(f.content).digest('hex'),
          })),
        ),
      ],
    );
    await insertDisclosures(tx, rows);
    await appendAudit(tx, [
      auditEvent(call, req.controllerId, now, {
        action: `${action}.create`,
        outcome: 'allowed',
        recordIds: [returnId],
        reason: `${rows.length} people to ${r.agreement.recipientId} under ${r.agreement.id}`,
      }),
    ]);
  });
  return {
    returnId,
    kind: r.kind,
    recipientId: r.agreement.recipientId,
    agreementId: r.agreement.id,
    activityId: r.activityId,
    files: built.files,
    people: rows.length,
    rows: total,
    excluded,
  };
}
