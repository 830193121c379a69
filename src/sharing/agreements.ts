/**
 * Data sharing agreements and processor contracts held by the store: those the manifest declares
 * under each recipient, and those the DPO enters (with the same shape). The manifest's are read
 * from it each time, so the store never holds a stale copy; entered ones live in
 * sharing_agreements. No personal data: entering or renewing one is audited without a person.
 */
import { appendAudit } from '../audit/append.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Manifest } from '../manifest/schema.ts';
import { InputError, NotFound } from '../records/errors.ts';
import { auditEvent, manifestFor, registerController, type Call, type Store } from '../records/store.ts';
import { isIsoDate, type IsoDate } from '../rights/clock/index.ts';
import { auditingDenials } from '../rights/requests/gate.ts';
import { checkOneOf, checkText } from '../rights/requests/input.ts';
import type { Queryable } from '../store/db.ts';
import { effectiveScope, type AgreementView } from './scope.ts';
import { AGREEMENT_TYPES, type AgreementType } from './vocabulary.ts';

const ID = /^[a-z0-9][a-z0-9-]*$/;

function fromManifest(manifest: Manifest): AgreementView[] {
  return manifest.recipients.flatMap((r) =>
    r.agreements.map((a) => ({
      id: a.id,
      controllerId: manifest.controller.id,
      recipientId: r.id,
      recipientName: r.name,
      type: a.type,
      reference: a.reference ?? null,
      startsOn: a.start ?? null,
      expiresOn: a.expiry ?? null,
      reviewOn: a.review ?? null,
      categories: [...a.categories],
      activities: [...a.activities],
      scope: effectiveScope(manifest, r.id, a),
      source: 'manifest' as const,
    })),
  );
}

interface Row {
  id: string;
  recipient_id: string;
  type: AgreementType;
  reference: string | null;
  starts_on: string | null;
  expires_on: string | null;
  review_on: string | null;
  categories: string[];
  activities: string[];
}

async function entered(q: Queryable, manifest: Manifest): Promise<AgreementView[]> {
  const rows = await q.query<Row>(
    `select id, recipient_id, type, reference, starts_on, expires_on, review_on, categories, activities
       from sharing_agreements where controller_id = $1 order by id`,
    [manifest.controller.id],
  );
  const recipients = lookup(manifest).recipients;
  return rows.map((r) => ({
    id: r.id,
    controllerId: manifest.controller.id,
    recipientId: r.recipient_id,
    recipientName: recipients.get(r.recipient_id)?.name ?? r.recipient_id,
    type: r.type,
    reference: r.reference,
    startsOn: r.starts_on,
    expiresOn: r.expires_on,
    reviewOn: r.review_on,
    categories: r.categories,
    activities: r.activities,
    scope: effectiveScope(manifest, r.recipient_id, r),
    source: 'entered' as const,
  }));
}

/** Every agreement of the controller: the manifest's, then those entered. */
export async function listAgreements(store: Store, controllerId: string): Promise<AgreementView[]> {
  const manifest = manifestFor(store, controllerId);
  return [...fromManifest(manifest), ...(await entered(store.db, manifest))];
}

export async function findAgreement(store: Store, controllerId: string, id: string): Promise<AgreementView> {
  const found = (await listAgreements(store, controllerId)).find((a) => a.id === id);
  if (!found) throw new NotFound(`agreement "${id}" (agreementId)`);
  return found;
}

export interface NewAgreement {
  controllerId: string;
  id: string;
  recipientId: string;
  type: AgreementType;
  reference?: string;
  startsOn?: IsoDate;
  expiresOn?: IsoDate;
  reviewOn?: IsoDate;
  categories?: string[];
  activities?: string[];
}

function checkDate(value: unknown, field: string): IsoDate | null {
  if (value === undefined || value === null) return null;
  if (!isIsoDate(value))
    throw new InputError(field, `${JSON.stringify(value)} is not a real date written YYYY-MM-DD`);
  return value;
}

function checkIds(manifest: Manifest, values: unknown, field: 'categories' | 'activities'): string[] {
  if (values === undefined) return [];
  if (!Array.isArray(values)) throw new InputError(field, 'must be a list');
  const known = field === 'categories' ? lookup(manifest).categories : lookup(manifest).activities;
  values.forEach((v, i) => {
    if (typeof v !== 'string' || !known.has(v))
      throw new InputError(`${field}[${i}]`, `${JSON.stringify(v)} is not one the manifest declares`);
  });
  return [...new Set(values as string[])];
}

function checkDates(input: Pick<NewAgreement, 'startsOn' | 'expiresOn' | 'reviewOn'>) {
  const startsOn = checkDate(input.startsOn, 'startsOn');
  const expiresOn = checkDate(input.expiresOn, 'expiresOn');
  const reviewOn = checkDate(input.reviewOn, 'reviewOn');
  if (startsOn && expiresOn && expiresOn < startsOn)
    throw new InputError('expiresOn', `${expiresOn} is before the agreement starts (${startsOn})`);
  return { startsOn, expiresOn, reviewOn };
}

async function checkNew(store: Store, manifest: Manifest, input: NewAgreement) {
  if (typeof input.id !== 'string' || !ID.test(input.id))
    throw new InputError('id', 'must be lower-case letters, digits and hyphens, e.g. "nfi-2026"');
  if (typeof input.recipientId !== 'string' || !lookup(manifest).recipients.has(input.recipientId))
    throw new InputError(
      'recipientId',
      `${JSON.stringify(input.recipientId)} is not a recipient the manifest declares`,
    );
  const type = checkOneOf(input.type, AGREEMENT_TYPES, 'type');
  const reference = checkText(input.reference, 'reference', false) ?? null;
  const categories = checkIds(manifest, input.categories, 'categories');
  const activities = checkIds(manifest, input.activities, 'activities');
  const dates = checkDates(input);
  const clash = (await listAgreements(store, manifest.controller.id)).find((a) => a.id === input.id);
  if (clash)
    throw new InputError(
      'id',
      `an agreement "${input.id}" is already ${clash.source === 'manifest' ? 'declared in the manifest' : 'entered'}`,
    );
  return { type, reference, categories, activities, ...dates };
}

/** Enter an agreement the manifest does not declare. Bad input: refused, audited, nothing written. */
export async function enterAgreement(store: Store, call: Call, input: NewAgreement): Promise<AgreementView> {
  const action = 'agreement.create';
  const manifest = manifestFor(store, input.controllerId);
  const c = await auditingDenials(store, call, input.controllerId, action, undefined, () =>
    checkNew(store, manifest, input),
  );
  const now = store.now();
  await store.db.transaction(async (tx) => {
    await registerController(tx, manifest);
    await tx.query(
      `insert into sharing_agreements (controller_id, id, recipient_id, type, reference, starts_on, expires_on, review_on,
         categories, activities, entered_at, entered_by, updated_at, updated_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, $12)`,
      [
        input.controllerId,
        input.id,
        input.recipientId,
        c.type,
        c.reference,
        c.startsOn,
        c.expiresOn,
        c.reviewOn,
        c.categories,
        c.activities,
        now,
        call.actor.id,
      ],
    );
    await appendAudit(tx, [
      auditEvent(call, input.controllerId, now, {
        action,
        outcome: 'allowed',
        reason: `agreement ${input.id}`,
      }),
    ]);
  });
  return findAgreement(store, input.controllerId, input.id);
}

export interface Renewal {
  startsOn?: IsoDate;
  expiresOn?: IsoDate;
  reviewOn?: IsoDate;
}

/** New dates for an entered agreement (a manifest's agreement is changed in the manifest). */
export async function renewAgreement(
  store: Store,
  call: Call,
  controllerId: string,
  id: string,
  renewal: Renewal,
): Promise<AgreementView> {
  const action = 'agreement.update';
  const dates = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const current = await findAgreement(store, controllerId, id);
    if (current.source === 'manifest')
      throw new InputError('agreementId', `agreement ${id} is declared in the manifest; change it there`);
    return checkDates({
      startsOn: renewal.startsOn ?? current.startsOn ?? undefined,
      expiresOn: renewal.expiresOn ?? current.expiresOn ?? undefined,
      reviewOn: renewal.reviewOn ?? current.reviewOn ?? undefined,
    });
  });
  const now = store.now();
  await store.db.transaction(async (tx) => {
    await tx.query(
      `update sharing_agreements set starts_on = $3, expires_on = $4, review_on = $5, updated_at = $6, updated_by = $7
        where controller_id = $1 and id = $2`,
      [controllerId, id, dates.startsOn, dates.expiresOn, dates.reviewOn, now, call.actor.id],
    );
    await appendAudit(tx, [
      auditEvent(call, controllerId, now, { action, outcome: 'allowed', reason: `agreement ${id}` }),
    ]);
  });
  return findAgreement(store, controllerId, id);
}
