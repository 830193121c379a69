/**
 * Logging an ad hoc disclosure: a police request under the crime and taxation exemption, a
 * council, DWP, a solicitor, an MP or councillor acting for the person. Each is checked before
 * anything is written: the recipient is one the manifest declares (or a representative the
 * person authorised, checked against the representatives register), the basis carries what it
 * needs (an agreement in force and in scope, a reference, reasons), the categories are declared,
 * the date is not in the future and an approver is named. Refusals are audited; nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/append.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Manifest } from '../manifest/schema.ts';
import { gateDisclosure } from '../records/disclosures.ts';
import { InputError } from '../records/errors.ts';
import { auditEvent, manifestFor, type Call, type Store } from '../records/store.ts';
import type { IsoDate } from '../rights/clock/index.ts';
import { authorityIn } from '../rights/representatives/index.ts';
import { auditingDenials } from '../rights/requests/gate.ts';
import { checkId, checkOneOf, checkPastDate, checkText, ukDate } from '../rights/requests/input.ts';
import type { Queryable } from '../store/db.ts';
import { findAgreement } from './agreements.ts';
import { insertDisclosures, type DisclosureWords } from './rows.ts';
import { checkSharing } from './scope.ts';
import { DISCLOSURE_BASES, DISCLOSURE_BASIS_IDS, type DisclosureBasis } from './vocabulary.ts';

export interface NewDisclosure {
  personId: string;
  basis: DisclosureBasis;
  /** A recipient the manifest declares (police, dwp, local-authority…)… */
  recipientId?: string;
  /** …or, for acting-for-the-person, the representative in the register. */
  representativeId?: string;
  /** The recipient as named on the request, e.g. a police station or a solicitors' firm (sealed). */
  recipientName?: string;
  /** The activity the data was held for. Required with an agreement. */
  activityId?: string;
  agreementId?: string;
  categories: string[];
  /** The request's or order's reference (sealed). */
  reference?: string;
  /** Why the basis applies, e.g. why complying would prejudice the investigation (sealed). */
  reasons?: string;
  /** What was disclosed, in words (sealed). */
  description?: string;
  /** Default: today. */
  disclosedOn?: IsoDate;
  /** Who approved the disclosure. */
  approvedBy: string;
  /** Crime and taxation only: telling the person would be likely to prejudice the purpose (Sch. 2 para 2). */
  withholdFromSubject?: boolean;
}

interface Recipient {
  recipientId: string | null;
  representativeId: string | null;
  kind: string;
}

/** The categories of data disclosed: at least one, each one the manifest declares. Pure, for forms too. */
export function checkCategories(manifest: Manifest, values: unknown): string[] {
  if (!Array.isArray(values) || values.length === 0)
    throw new InputError('categories', 'name at least one category of data disclosed');
  const known = lookup(manifest).categories;
  values.forEach((v, i) => {
    if (typeof v !== 'string' || !known.has(v))
      throw new InputError(
        `categories[${i}]`,
        `${JSON.stringify(v)} is not a category the manifest declares`,
      );
  });
  return [...new Set(values as string[])];
}

/** The activity the data was held for, one the manifest declares. Pure, for forms too. */
export function checkActivity(manifest: Manifest, value: unknown, required: boolean): string | null {
  if (value === undefined || value === null) {
    if (required) throw new InputError('activityId', 'is required: the activity the data was held for');
    return null;
  }
  if (typeof value !== 'string' || !lookup(manifest).activities.has(value))
    throw new InputError('activityId', `${JSON.stringify(value)} is not an activity the manifest declares`);
  return value;
}

/**
 * What a disclosure is made for, as the audit records it: the activity the information was held
 * for when given, else the one activity the manifest says shares with this recipient. Undefined
 * when neither says: a representative acting for the person, or a recipient (the police) that
 * several activities share with. Never the purpose of whoever logs it (answering rights requests).
 */
export function disclosurePurpose(manifest: Manifest, recipientId: unknown, activityId: unknown) {
  if (typeof activityId === 'string' && lookup(manifest).activities.has(activityId)) return activityId;
  const sharing = manifest.activities.filter((a) => a.recipients?.includes(recipientId as string));
  return sharing.length === 1 ? sharing[0]!.id : undefined;
}

/**
 * The purpose a disclosure serves, required where the recipient alone does not tell it (a
 * disclosure to someone acting for the person serves the person's own request). Pure, for forms.
 */
export function checkDisclosurePurpose(
  manifest: Manifest,
  basis: DisclosureBasis | undefined,
  recipientId: unknown,
  activityId: unknown,
): string | undefined {
  if (basis === 'acting-for-the-person') return undefined;
  const purpose = disclosurePurpose(manifest, recipientId, activityId);
  if (!purpose && typeof recipientId === 'string')
    throw new InputError('activityId', 'is required: what the disclosure is for');
  return purpose;
}

/** The recipient: a declared one, or (acting for the person) a representative with authority on the day. */
async function checkRecipient(
  q: Queryable,
  manifest: Manifest,
  input: NewDisclosure,
  personId: string,
  on: IsoDate,
): Promise<Recipient> {
  if (input.basis === 'acting-for-the-person') {
    if (input.recipientId !== undefined)
      throw new InputError('recipientId', 'give the representative (representativeId), not a recipient');
    const representativeId = checkId(input.representativeId, 'representativeId');
    // An MP, councillor or solicitor receives the person's data as if asking for it themselves.
    const authority = await authorityIn(q, representativeId, personId, 'access', on);
    if (!authority.ok)
      throw new InputError('representativeId', `no authority to act for this person: ${authority.detail}`);
    const [rep] = await q.query<{ kind: string }>('select kind from rights_representatives where id = $1', [
      representativeId,
    ]);
    return { recipientId: null, representativeId, kind: rep!.kind };
  }
  if (input.representativeId !== undefined)
    throw new InputError(
      'representativeId',
      `only a disclosure on the basis acting-for-the-person goes to a representative`,
    );
  const recipient =
    typeof input.recipientId === 'string' ? lookup(manifest).recipients.get(input.recipientId) : undefined;
  if (!recipient)
    throw new InputError(
      'recipientId',
      input.recipientId === undefined
        ? 'is required: the recipient, as the manifest declares it'
        : `${JSON.stringify(input.recipientId)} is not a recipient the manifest declares`,
    );
  return { recipientId: recipient.id, representativeId: null, kind: recipient.role ?? recipient.level };
}

/** A reference or reasons, required where the basis needs them (a court order's number). Pure, for forms too. */
export function checkBasisWords(basis: DisclosureBasis, field: 'reference' | 'reasons', value: unknown) {
  const needs: readonly string[] = DISCLOSURE_BASES[basis].needs;
  return checkText(value, field, needs.includes(field)) ?? null;
}

function checkBasisNeeds(input: NewDisclosure, basis: DisclosureBasis): DisclosureWords {
  const reference = checkBasisWords(basis, 'reference', input.reference);
  const reasons = checkBasisWords(basis, 'reasons', input.reasons);
  if (input.withholdFromSubject && basis !== 'crime-and-taxation')
    throw new InputError(
      'withholdFromSubject',
      'only the crime and taxation exemption (DPA 2018 Sch. 2 para 2) lets a disclosure be kept from the person',
    );
  if (basis !== 'agreement' && input.agreementId !== undefined)
    throw new InputError('agreementId', `is given only with the basis "agreement"`);
  return {
    reference,
    reasons,
    recipientName: checkText(input.recipientName, 'recipientName', false) ?? null,
    description: checkText(input.description, 'description', false) ?? null,
  };
}

async function checkDisclosure(store: Store, manifest: Manifest, input: NewDisclosure, today: IsoDate) {
  const personId = checkId(input?.personId, 'personId');
  if (input.basis === undefined)
    throw new InputError('basis', `is required: one of ${DISCLOSURE_BASIS_IDS.join(', ')}`);
  const basis = checkOneOf(input.basis, DISCLOSURE_BASIS_IDS, 'basis');
  const words = checkBasisNeeds(input, basis);
  const approvedBy = checkText(input.approvedBy, 'approvedBy', true)!.trim();
  const disclosedOn = checkPastDate(input.disclosedOn ?? today, 'disclosedOn', today);
  const categories = checkCategories(manifest, input.categories);
  const activityId = checkActivity(manifest, input.activityId, basis === 'agreement');
  const recipient = await checkRecipient(store.db, manifest, input, personId, disclosedOn);
  let agreementId: string | null = null;
  if (basis === 'agreement') {
    if (typeof input.agreementId !== 'string')
      throw new InputError('agreementId', 'is required: the agreement the data is shared under');
    const agreement = await findAgreement(store, manifest.controller.id, input.agreementId);
    const refusal = checkSharing(manifest, agreement, {
      recipientId: recipient.recipientId!,
      activityId: activityId!,
      categories,
      on: disclosedOn,
    });
    if (refusal) throw new InputError(refusal.field, refusal.reason);
    agreementId = agreement.id;
  }
  return { personId, basis, words, approvedBy, disclosedOn, categories, activityId, recipient, agreementId };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The person a refusal is about, when the input names one: the audit then shows it on their file. */
export function personInAudit(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;
}

/**
 * The call as the disclosure's audit records it: under the purpose the disclosure serves, not the
 * one the person logging it works under (the DPO's is answering rights requests); a caller that
 * names none keeps its own.
 */
const forDisclosure = (manifest: Manifest, call: Call, input: NewDisclosure): Call => ({
  ...call,
  purpose: disclosurePurpose(manifest, input.recipientId, input.activityId) ?? call.purpose,
});

/** Log an ad hoc disclosure; returns its id. */
export async function recordDisclosure(store: Store, call: Call, input: NewDisclosure): Promise<string> {
  const action = 'disclosure.create';
  const controllerId = call.actor.controllerId;
  const manifest = manifestFor(store, controllerId);
  const today = ukDate(store.now());
  const c = await auditingDenials(store, call, controllerId, action, personInAudit(input?.personId), () =>
    checkDisclosure(store, manifest, input, today),
  );
  const { key } = await gateDisclosure(store, call, c.personId, action);
  const id = randomUUID();
  const now = store.now();
  await store.db.transaction(async (tx) => {
    await insertDisclosures(tx, [
      {
        id,
        controller_id: controllerId,
        person_id: c.personId,
        kind: 'ad-hoc',
        return_id: null,
        recipient_id: c.recipient.recipientId,
        representative_id: c.recipient.representativeId,
        recipient_kind: c.recipient.kind,
        activity_id: c.activityId,
        basis: c.basis,
        agreement_id: c.agreementId,
        categories: c.categories,
        disclosed_on: c.disclosedOn,
        approved_by: c.approvedBy,
        withheld_from_subject: input.withholdFromSubject === true,
        words: c.words,
        key,
        created_at: now,
        created_by: call.actor.id,
      },
    ]);
    await appendAudit(tx, [
      auditEvent(forDisclosure(manifest, call, input), controllerId, now, {
        action,
        outcome: 'allowed',
        personId: c.personId,
        recordIds: [id],
        fields: c.categories.map((cat) => `category:${cat}`),
        reason: `${c.basis} to ${c.recipient.recipientId ?? c.recipient.kind}`,
      }),
    ]);
  });
  return id;
}
