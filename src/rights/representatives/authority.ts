/**
 * May this representative act for this person, for this right, on this day? Only with evidence,
 * within the authority's dates and within its scope. Reads ids, codes and dates only.
 */
import type { Queryable } from '../../store/db.ts';
import type { Store } from '../../records/store.ts';
import { InputError } from '../../records/errors.ts';
import { isIsoDate, type IsoDate } from '../clock/index.ts';
import type { Right } from '../requests/vocabulary.ts';
import type { AuthorityRefusal } from './vocabulary.ts';

export type Authority = { ok: true } | { ok: false; reason: AuthorityRefusal; detail: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Row {
  scope: string[];
  evidence_kind: string | null;
  starts_on: string;
  expires_on: string | null;
  ended_on: string | null;
}

/** The same check inside a caller's transaction. */
export async function authorityIn(
  q: Queryable,
  representativeId: string,
  personId: string,
  right: Right,
  onDate: IsoDate,
): Promise<Authority> {
  if (!isIsoDate(onDate))
    throw new InputError('onDate', `${JSON.stringify(onDate)} is not a real date written YYYY-MM-DD`);
  const unknown: Authority = {
    ok: false,
    reason: 'unknown',
    detail: 'no such representative is recorded for this person',
  };
  if (!UUID.test(representativeId) || !UUID.test(personId)) return unknown;
  const [row] = await q.query<Row>(
    'select scope, evidence_kind, starts_on, expires_on, ended_on from rights_representatives where id = $1 and person_id = $2',
    [representativeId, personId],
  );
  if (!row) return unknown;
  if (!row.evidence_kind)
    return { ok: false, reason: 'no-evidence', detail: 'no evidence of the authority to act is recorded' };
  if (row.starts_on > onDate)
    return {
      ok: false,
      reason: 'not-yet-valid',
      detail: `the authority starts on ${row.starts_on}, after ${onDate}`,
    };
  // Ended (revoked, withdrawn): from the day it ended, nothing made or received under it holds.
  if (row.ended_on && row.ended_on <= onDate)
    return {
      ok: false,
      reason: 'ended',
      detail: `the authority was ended on ${row.ended_on}, on or before ${onDate}`,
    };
  if (row.expires_on && row.expires_on < onDate)
    return {
      ok: false,
      reason: 'expired',
      detail: `the authority expired on ${row.expires_on}, before ${onDate}`,
    };
  if (!row.scope.includes('all') && !row.scope.includes(right))
    return {
      ok: false,
      reason: 'out-of-scope',
      detail: `the authority covers ${row.scope.join(', ')}, not the right of ${right}`,
    };
  return { ok: true };
}

export function checkAuthority(
  store: Store,
  representativeId: string,
  personId: string,
  right: Right,
  onDate: IsoDate,
): Promise<Authority> {
  return authorityIn(store.db, representativeId, personId, right, onDate);
}
