/**
 * The person's own access history, for the portal's "Who has seen your information": the audit
 * log's entries about them over the last year, in the words of the subject access pack's section of
 * the same name (accesses.ts). Reading it passes the rights gate as the person and is audited, so it
 * appears in the count of their own use ("including this time").
 *
 * Two things are left out. Lines about a disclosure kept from the person under the crime and
 * taxation exemption: "someone recorded sharing your information" would tell them what the
 * exemption withholds. And anything older than a year: the page stays short, and a subject access
 * request gives the whole history.
 */
import { ACCESS_COLUMNS, accessOf, type AccessRow } from '../../audit/queries.ts';
import { lookup } from '../../manifest/lookup.ts';
import { gateRightsAction } from '../../records/rights-gate.ts';
import { auditRead, manifestFor, type Call, type Store } from '../../records/store.ts';
import { packAccessOf, revealsWithheld, summariseAccesses } from './accesses.ts';
import { dayWords } from './present.ts';
import { disclosuresAbout } from '../../sharing/index.ts';
import type { Queryable } from '../../store/db.ts';

const ACTION = 'access-history.read';
/** How far back the page goes. */
export const HISTORY_MONTHS = 12;
/** At most this many log entries are read; a file busier than that says so. */
const MOST_ENTRIES = 5000;

interface LoggedAccess extends ReturnType<typeof accessOf> {
  recordIds: string[];
}

/** The log's entries about the person since a moment, newest first (one index range scan). */
async function accessesSince(db: Queryable, personId: string, since: Date): Promise<LoggedAccess[]> {
  const rows = await db.query<AccessRow & { record_ids: string[] }>(
    `select ${ACCESS_COLUMNS}, record_ids from audit_events
      where person_id = $1 and at >= $2 order by seq desc limit $3`,
    [personId, since, MOST_ENTRIES],
  );
  return rows.map((r) => ({ ...accessOf(r), recordIds: r.record_ids }));
}

/** A year before now, to the day. */
function yearBefore(now: Date): Date {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - HISTORY_MONTHS);
  return since;
}

/** The person's access history for the page: gated and audited as them, withheld disclosures left out. */
export async function readAccessHistory(store: Store, call: Call, personId: string) {
  const controllerId = await gateRightsAction(store, call, personId, ACTION, { byThePerson: true });
  const visible = new Set((await disclosuresAbout(store, call, personId)).map((d) => d.id));
  await auditRead(store, call, controllerId, { action: ACTION, personId, rows: [] });
  const since = yearBefore(store.now());
  const logged = await accessesSince(store.db, personId, since);
  const activities = lookup(manifestFor(store, controllerId)).activities;
  const shown = logged
    .filter((a) => !revealsWithheld(a, visible))
    .map((a) => packAccessOf(a, (id) => activities.get(id)?.name));
  return { since: dayWords(since), summary: summariseAccesses(shown), cut: logged.length === MOST_ENTRIES };
}
