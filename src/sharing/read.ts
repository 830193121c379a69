/**
 * Reading the disclosure log: one person's disclosures for their subject access pack and the
 * portal (gated and audited, words unsealed), and the DPO's log across people (ids, codes and
 * counts only, nothing unsealed).
 */
import { lookup } from '../manifest/lookup.ts';
import type { Manifest } from '../manifest/schema.ts';
import { gateDisclosure } from '../records/disclosures.ts';
import { InputError } from '../records/errors.ts';
import { auditRead, manifestFor, type Call, type Store } from '../records/store.ts';
import { isIsoDate } from '../rights/clock/index.ts';
import { auditingDenials } from '../rights/requests/gate.ts';
import { checkId } from '../rights/requests/input.ts';
import { listAgreements } from './agreements.ts';
import { disclosuresOf, openWords, type DisclosureRow } from './rows.ts';
import { agreementName } from './scope.ts';
import { DISCLOSURE_BASES, type DisclosureBasis, type DisclosureKind } from './vocabulary.ts';

export interface DisclosureView {
  id: string;
  kind: DisclosureKind;
  disclosedOn: string;
  recipient: {
    /** The manifest's recipient, or null for a representative. */
    id: string | null;
    representativeId: string | null;
    name: string;
    /** The recipient's role (public-authority, processor…) or the representative's kind (mp, solicitor…). */
    kind: string;
  };
  basis: DisclosureBasis;
  basisLabel: string;
  law: string;
  activity: { id: string; name: string } | null;
  agreementId: string | null;
  categories: { id: string; name: string }[];
  reference: string | null;
  description: string | null;
  /** Staff only: why the basis applied, and who approved it. */
  reasons?: string | null;
  approvedBy?: string;
  /** Set when the disclosure came in a routine return. */
  returnId: string | null;
  /** Crime and taxation: kept from the person while telling them would prejudice the purpose. */
  withheldFromSubject: boolean;
}

const REPRESENTATIVE_NAMES: Record<string, string> = {
  mp: 'Your Member of Parliament, acting for you',
  councillor: 'Your councillor, acting for you',
  solicitor: 'Your solicitor, acting for you',
  advocate: 'Your advocate, acting for you',
  'family-member': 'A family member acting for you',
  carer: 'Your carer, acting for you',
  attorney: 'Your attorney, acting for you',
  deputy: 'Your deputy, acting for you',
};

/** Categories are stored as ids; people read the manifest's names. */
function namedCategories(manifest: Manifest, ids: readonly string[]): { id: string; name: string }[] {
  const { categories } = lookup(manifest);
  return ids.map((id) => ({ id, name: categories.get(id)?.name ?? id }));
}

function view(store: Store, row: DisclosureRow, key: Buffer, forSubject: boolean): DisclosureView {
  const manifest = manifestFor(store, row.controller_id);
  const l = lookup(manifest);
  const words = openWords(key, row);
  const activity = row.activity_id ? l.activities.get(row.activity_id) : undefined;
  const declared = row.recipient_id ? l.recipients.get(row.recipient_id) : undefined;
  const basis = DISCLOSURE_BASES[row.basis];
  return {
    id: row.id,
    kind: row.kind,
    disclosedOn: row.disclosed_on,
    recipient: {
      id: row.recipient_id,
      representativeId: row.representative_id,
      name:
        words.recipientName ??
        declared?.name ??
        REPRESENTATIVE_NAMES[row.recipient_kind] ??
        row.recipient_id ??
        row.recipient_kind,
      kind: row.recipient_kind,
    },
    basis: row.basis,
    basisLabel: basis.label,
    law: basis.law,
    activity: activity ? { id: activity.id, name: activity.name } : null,
    agreementId: row.agreement_id,
    categories: namedCategories(manifest, row.categories),
    reference: words.reference,
    description: words.description,
    ...(forSubject ? {} : { reasons: words.reasons, approvedBy: row.approved_by }),
    returnId: row.return_id,
    withheldFromSubject: row.withheld_from_subject,
  };
}

/**
 * The person's disclosures, oldest first, for the subject access pack and the portal. A person
 * reading their own log does not see those withheld under the crime and taxation exemption, nor
 * staff names and reasons; staff see everything, with the withheld ones flagged for the reviewer.
 */
export async function disclosuresAbout(
  store: Store,
  call: Call,
  personId: string,
): Promise<DisclosureView[]> {
  const action = 'disclosure.read';
  const id = await auditingDenials(store, call, call.actor.controllerId, action, undefined, async () =>
    checkId(personId, 'personId'),
  );
  const { controllerId, key } = await gateDisclosure(store, call, id, action);
  const forSubject = call.actor.kind === 'subject';
  const rows = (await disclosuresOf(store.db, id)).filter((r) => !(forSubject && r.withheld_from_subject));
  const views = rows.map((r) => view(store, r, key, forSubject));
  await auditRead(store, call, controllerId, { action, personId: id, rows });
  return views;
}

export interface DisclosureLogLine {
  id: string;
  personId: string;
  kind: DisclosureKind;
  disclosedOn: string;
  recipientId: string | null;
  recipientKind: string;
  basis: DisclosureBasis;
  agreementId: string | null;
  /** The agreement as people know it (its type and reference, as the staff home names it). */
  agreementName: string | null;
  categories: { id: string; name: string }[];
  approvedBy: string;
  returnId: string | null;
}

/** The DPO's log between two dates (inclusive): codes and ids (categories with the manifest's names), nothing unsealed. */
export async function disclosureLog(
  store: Store,
  controllerId: string,
  period: { from: string; to: string },
): Promise<DisclosureLogLine[]> {
  for (const f of ['from', 'to'] as const)
    if (!isIsoDate(period[f]))
      throw new InputError(f, `${JSON.stringify(period[f])} is not a date written YYYY-MM-DD`);
  if (period.to < period.from) throw new InputError('to', `${period.to} is before ${period.from}`);
  const rows = await store.db.query<Omit<DisclosureRow, 'words'>>(
    `select id, person_id, kind, disclosed_on, recipient_id, recipient_kind, basis, agreement_id, categories,
            approved_by, return_id
       from disclosures where controller_id = $1 and disclosed_on between $2 and $3
      order by disclosed_on, seq`,
    [controllerId, period.from, period.to],
  );
  const manifest = manifestFor(store, controllerId);
  const agreements = new Map(
    (await listAgreements(store, controllerId)).map((a) => [a.id, agreementName(a)]),
  );
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    kind: r.kind,
    disclosedOn: r.disclosed_on,
    recipientId: r.recipient_id,
    recipientKind: r.recipient_kind,
    basis: r.basis,
    agreementId: r.agreement_id,
    // An agreement since taken out of the manifest keeps its id: that is all the log still knows.
    agreementName: r.agreement_id ? (agreements.get(r.agreement_id) ?? r.agreement_id) : null,
    categories: namedCategories(manifest, r.categories),
    approvedBy: r.approved_by,
    returnId: r.return_id,
  }));
}
