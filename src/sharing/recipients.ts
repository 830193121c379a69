/**
 * Who the disclosure log shows actually received a person's data, with the day(s) of each
 * disclosure: the organisations to tell of an erasure or a correction (UK GDPR Art. 19).
 *
 * Gated and audited as a read of the disclosure log, but through the rights gate rather than
 * gateDisclosure: the duty to tell recipients outlives an erasure (the person's key may already
 * be destroyed), and this read needs only the log's codes and dates, never its sealed words.
 * A person reading the answer to their own request does not see disclosures kept from them under
 * the crime and taxation exemption (DPA 2018 Sch. 2 para 2 reaches Art. 19 too); staff see them,
 * flagged, so they can tell the recipient without telling the person.
 */
import { lookup } from '../manifest/lookup.ts';
import { gateRightsAction } from '../records/rights-gate.ts';
import { AccessDenied } from '../records/errors.ts';
import { auditRead, manifestFor, type Call, type Store } from '../records/store.ts';
import { auditingDenials } from '../rights/requests/gate.ts';
import { checkId } from '../rights/requests/input.ts';

export interface Receipt {
  /** The day of the disclosure, YYYY-MM-DD. */
  on: string;
  /** Kept from the person under the crime and taxation exemption (staff see it, flagged). */
  withheldFromSubject: boolean;
}

export interface ActualRecipient {
  /** The manifest's recipient id, or `representative:<id>` for a representative acting for the person. */
  id: string;
  recipientId: string | null;
  representativeId: string | null;
  name: string;
  /** The recipient's role (public-authority, processor…) or the representative's kind (mp, solicitor…). */
  kind: string;
  /** Each disclosure to it, oldest first. */
  received: Receipt[];
}

/** Staff-facing names for a representative who received the data while acting for the person. */
const REPRESENTATIVE_NAMES: Record<string, string> = {
  mp: 'Their Member of Parliament, acting for them',
  councillor: 'Their councillor, acting for them',
  solicitor: 'Their solicitor, acting for them',
  advocate: 'Their advocate, acting for them',
  'family-member': 'A family member acting for them',
  carer: 'Their carer, acting for them',
  attorney: 'Their attorney, acting for them',
  deputy: 'Their deputy, acting for them',
};

interface Row {
  id: string;
  recipient_id: string | null;
  representative_id: string | null;
  recipient_kind: string;
  disclosed_on: string;
  withheld_from_subject: boolean;
}

function group(store: Store, controllerId: string, rows: readonly Row[]): ActualRecipient[] {
  const declared = lookup(manifestFor(store, controllerId)).recipients;
  const byId = new Map<string, ActualRecipient>();
  for (const r of rows) {
    const id = r.recipient_id ?? `representative:${r.representative_id}`;
    const entry = byId.get(id) ?? {
      id,
      recipientId: r.recipient_id,
      representativeId: r.representative_id,
      name: r.recipient_id
        ? (declared.get(r.recipient_id)?.name ?? r.recipient_id)
        : (REPRESENTATIVE_NAMES[r.recipient_kind] ?? r.recipient_kind),
      kind: r.recipient_kind,
      received: [],
    };
    entry.received.push({ on: r.disclosed_on, withheldFromSubject: r.withheld_from_subject });
    byId.set(id, entry);
  }
  return [...byId.values()];
}

/**
 * Every recipient the disclosure log shows received this person's data, in the order of their
 * first disclosure. Refusals are audited (the rights gate); the read itself is audited with the
 * disclosures it covered.
 */
export async function disclosedTo(store: Store, call: Call, personId: string): Promise<ActualRecipient[]> {
  const action = 'disclosure.read';
  const controllerId = call.actor.controllerId;
  const id = await auditingDenials(store, call, controllerId, action, undefined, async () =>
    checkId(personId, 'personId'),
  );
  await gateRightsAction(store, call, id, action, { erased: 'allow', byThePerson: true });
  const forSubject = call.actor.kind === 'subject';
  const rows = await store.db.query<Row>(
    `select id, recipient_id, representative_id, recipient_kind, disclosed_on, withheld_from_subject
       from disclosures
      where person_id = $1 and controller_id = $2 and ($3 = false or withheld_from_subject = false)
      order by disclosed_on, seq`,
    [id, controllerId, forSubject],
  );
  await auditRead(store, call, controllerId, {
    action,
    personId: id,
    rows,
    reason: 'recipients to tell (Art. 19)',
  });
  return group(store, controllerId, rows);
}

/**
 * The same, or null when the actor may not read the log for the purpose given (a CCTV officer
 * correcting a clip): the refusal is audited by the gate, and the caller says the list it shows
 * is the manifest's alone.
 */
export async function disclosedToIfAllowed(
  store: Store,
  call: Call,
  personId: string,
): Promise<ActualRecipient[] | null> {
  try {
    return await disclosedTo(store, call, personId);
  } catch (error) {
    if (error instanceof AccessDenied) return null;
    throw error;
  }
}
