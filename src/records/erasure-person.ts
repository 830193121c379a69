/**
 * What is left of a person once they are erased, in one place: Art. 17 erasure
 * (records/erasure-execute.ts) and the replay of a person tombstone after a restore
 * (records/disposal-replay.ts) both call `clearPerson`, so neither can forget a table.
 *
 * Every table with a person_id column is named below, either as cleared or as kept with the
 * reason; test/rights/erasure-person.test.ts reads information_schema and fails when a table
 * holding person_id is in neither list, so a new table forces a decision here.
 *
 * The person's row stays (requests, plans, tenancies and the audit chain point at it) but holds
 * nothing. Their records must already have gone: the callers delete those with their own
 * bookkeeping (a plan's items, a sweep's disposal log), and this refuses to run while any remain.
 */
import type { Queryable } from '../store/db.ts';

/** Tables whose rows for the person are deleted (or, for consent_events, whose personal part is). */
export const CLEARED_PERSON_TABLES = {
  person_lookup: 'lookup tokens of their name, date of birth and identifiers',
  mentions: 'their parts in other people’s records',
  documents: 'documents held against them (ID scans, letters)',
  rectifications: 'the history of corrections, which holds the old and new values',
  automated_decision_reviews: 'their requests for a human review of an automated decision',
  automated_decisions: 'the inputs and outcomes of automated decisions about them',
  web_resident_accounts: 'their portal account (email token and password hash)',
  import_keys:
    'their own import key is deleted; their records’ keys keep only the source system’s record id and when it went, so a re-import does not bring the records back',
  consent_records:
    'kept as a status history (activity, given or withdrawn, when) with the sealed words of each event (evidence, notes, the name of whoever consented for them) deleted',
} as const;

/** Tables that keep rows pointing at the erased person, and why that is no personal data left. */
export const KEPT_PERSON_TABLES = {
  people: 'the row stays, emptied: no details, no subject types, marked erased',
  records: 'deleted by the caller first (plan items or disposal log); refused here if any remain',
  audit_events: 'the tamper-evident log holds ids and codes only and must stay unbroken',
  disclosures:
    'the disclosure log (Art. 19, accountability) keeps codes; its words are sealed under the destroyed key',
  breach_affected: 'the breach register must show who was affected; ids only',
  rights_requests: 'the request that asked for erasure, and earlier requests, must be shown answered',
  erasure_plans: 'the record of what was erased and what was kept, and why',
  sar_reviews: 'the record of access requests answered; sealed notes are under the destroyed key',
  objections: 'kept as a suppression record so processing they objected to is never restarted',
  rights_representatives:
    'the authority requests were made under; the agent’s details are sealed under the destroyed key',
  tenancy_parties: 'the tenancy history of a home (ids and dates only)',
  household_members: 'the household history of a home (ids and dates only)',
  vault_person_keys: 'the data key itself, destroyed in the vault after the transaction commits',
} as const;

export interface ClearedPerson {
  personIds: string[];
  /** Documents that went with them, for tombstones. */
  documentIds: string[];
}

/**
 * Clear everything linked to these (not yet erased) people and empty their rows, inside the
 * caller's transaction. People already erased are skipped, so a replay can repeat it safely.
 */
export async function clearPerson(
  tx: Queryable,
  controllerId: string,
  personIds: readonly string[],
  now: Date,
): Promise<ClearedPerson> {
  if (personIds.length === 0) return { personIds: [], documentIds: [] };
  const live = await tx.query<{ id: string }>(
    `select id from people where id = any($1::uuid[]) and controller_id = $2 and erased_at is null
      order by id for update`,
    [personIds, controllerId],
  );
  const ids = live.map((p) => p.id);
  if (ids.length === 0) return { personIds: [], documentIds: [] };
  const [left] = await tx.query<{ n: number }>(
    'select count(*)::int as n from records where person_id = any($1::uuid[])',
    [ids],
  );
  if (left!.n > 0) throw new Error('clearPerson: the person still holds records; delete them first');
  const byPerson = (table: string) =>
    tx.query(`delete from ${table} where person_id = any($1::uuid[])`, [ids]);
  await byPerson('automated_decision_reviews');
  await byPerson('automated_decisions');
  await byPerson('rectifications');
  const documents = await tx.query<{ id: string }>(
    'delete from documents where person_id = any($1::uuid[]) returning id',
    [ids],
  );
  await byPerson('mentions');
  await byPerson('person_lookup');
  await byPerson('web_resident_accounts');
  await tx.query(`delete from import_keys where kind = 'person' and person_id = any($1::uuid[])`, [ids]);
  await tx.query(
    `update import_keys set person_id = null, target_id = null, fingerprint = null, disposed_at = $2
      where person_id = any($1::uuid[])`,
    [ids, now],
  );
  // An event expressed by an unnamed representative must keep some words (a check constraint):
  // an empty value, which says nothing.
  await tx.query(
    `update consent_events e
        set words = case when e.expressed_by = 'representative' and e.representative_id is null
                         then '\\x'::bytea end
       from consent_records c
      where c.id = e.record_id and c.person_id = any($1::uuid[]) and e.words is not null`,
    [ids],
  );
  await tx.query(
    `update people set profile = '\\x'::bytea, subject_types = '{}', restricted_since = null,
            erased_at = $2, updated_at = $2 where id = any($1::uuid[])`,
    [ids, now],
  );
  return { personIds: ids, documentIds: documents.map((d) => d.id) };
}
