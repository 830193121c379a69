/**
 * What the gate needs from the consent ledger about a person: the activities they have consent in
 * force for, and when each lapses. One SQL expression, so every query that loads a person for the
 * gate (people.ts, batch writes) reads it the same way; whether it has lapsed is judged by decide()
 * against the caller's clock, never the database's.
 */
import type { ConsentInForce } from '../access/decide.ts';

/** Consent as the SQL below returns it: the lapse time as epoch milliseconds, the same on both engines. */
export interface ConsentRow {
  activity: string;
  until: number | null;
}

/** A json array of ConsentRow for the person whose id is `personId` (a column reference such as p.id). */
export function consentsInForceSql(personId: string): string {
  return `coalesce((select json_agg(json_build_object('activity', c.activity_id,
            'until', (extract(epoch from c.expires_at) * 1000)::bigint) order by c.activity_id)
          from consent_records c where c.person_id = ${personId} and c.status = 'given'), '[]'::json)`;
}

export function toConsentsInForce(rows: readonly ConsentRow[] | undefined): ConsentInForce[] | undefined {
  return rows?.map((r) => ({
    activity: r.activity,
    until: r.until === null ? null : new Date(Number(r.until)),
  }));
}
