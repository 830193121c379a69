/** The disclosure log's stored rows: set-based inserts, and the words sealed under the person's key. */
import type { Queryable } from '../store/db.ts';
import { aad, seal, unseal } from '../store/person-keys.ts';
import type { DisclosureBasis, DisclosureKind } from './vocabulary.ts';

/** Everything written in words about a disclosure; sealed, so erasing the person erases it. */
export interface DisclosureWords {
  reference: string | null;
  recipientName: string | null;
  description: string | null;
  reasons: string | null;
}

export interface DisclosureRow {
  id: string;
  controller_id: string;
  person_id: string;
  kind: DisclosureKind;
  return_id: string | null;
  recipient_id: string | null;
  representative_id: string | null;
  recipient_kind: string;
  activity_id: string | null;
  basis: DisclosureBasis;
  agreement_id: string | null;
  categories: string[];
  disclosed_on: string;
  approved_by: string;
  withheld_from_subject: boolean;
  words: Uint8Array;
  created_at: Date;
  created_by: string;
}

export type NewDisclosureRow = Omit<DisclosureRow, 'words'> & { words: DisclosureWords; key: Buffer };

const place = (r: { controller_id: string; person_id: string; id: string }) =>
  aad(r.controller_id, r.person_id, `disclosures/${r.id}`);

export function openWords(key: Buffer | null | undefined, row: DisclosureRow): DisclosureWords {
  return unseal<DisclosureWords>(key, row.words, place(row));
}

const CHUNK = 1000;

/** Insert many rows, one statement per thousand (a routine return logs every person in it). */
export async function insertDisclosures(tx: Queryable, rows: readonly NewDisclosureRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const col = <T>(f: (r: NewDisclosureRow) => T) => chunk.map(f);
    await tx.query(
      `insert into disclosures (id, controller_id, person_id, kind, return_id, recipient_id, representative_id,
         recipient_kind, activity_id, basis, agreement_id, categories, disclosed_on, approved_by, withheld_from_subject,
         words, created_at, created_by)
       select id, controller_id, person_id, kind, return_id, recipient_id, representative_id, recipient_kind,
              activity_id, basis, agreement_id, string_to_array(categories, ','), disclosed_on, approved_by, withheld,
              words, created_at, created_by
         from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::uuid[], $8::text[],
                     $9::text[], $10::text[], $11::text[], $12::text[], $13::date[], $14::text[], $15::boolean[],
                     $16::bytea[], $17::timestamptz[], $18::text[])
           as t(id, controller_id, person_id, kind, return_id, recipient_id, representative_id, recipient_kind,
                activity_id, basis, agreement_id, categories, disclosed_on, approved_by, withheld, words, created_at,
                created_by)`,
      [
        col((r) => r.id),
        col((r) => r.controller_id),
        col((r) => r.person_id),
        col((r) => r.kind),
        col((r) => r.return_id),
        col((r) => r.recipient_id),
        col((r) => r.representative_id),
        col((r) => r.recipient_kind),
        col((r) => r.activity_id),
        col((r) => r.basis),
        col((r) => r.agreement_id),
        col((r) => r.categories.join(',')),
        col((r) => r.disclosed_on),
        col((r) => r.approved_by),
        col((r) => r.withheld_from_subject),
        col((r) => seal(r.key, r.words, place(r))),
        col((r) => r.created_at),
        col((r) => r.created_by),
      ],
    );
  }
}

export async function disclosuresOf(q: Queryable, personId: string): Promise<DisclosureRow[]> {
  return q.query<DisclosureRow>(
    `select id, controller_id, person_id, kind, return_id, recipient_id, representative_id, recipient_kind, activity_id,
            basis, agreement_id, categories, disclosed_on, approved_by, withheld_from_subject, words, created_at, created_by
       from disclosures where person_id = $1 order by disclosed_on, seq`,
    [personId],
  );
}
