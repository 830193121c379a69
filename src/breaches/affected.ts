/**
 * The people a breach affected: found from the store and the audit log (records/breach-affected.ts)
 * and added to the breach by id, each addition audited on the person's own file, so their access
 * history shows that the breach touched them. Adding is idempotent: finding someone twice adds
 * them once.
 */
import { appendAudit } from '../audit/append.ts';
import { lookup } from '../manifest/lookup.ts';
import { findAffected, type AffectedFinder } from '../records/breach-affected.ts';
import { InputError } from '../records/errors.ts';
import { auditEvent, manifestFor, type Call, type Store } from '../records/store.ts';
import { auditingDenials } from '../rights/requests/gate.ts';
import { checkId, checkText } from '../rights/requests/input.ts';
import { checkInstant } from './input.ts';
import { loadBreach } from './rows.ts';

export type { AffectedFinder } from '../records/breach-affected.ts';

function window(from: unknown, to: unknown, required: boolean): { from?: Date; to?: Date } {
  if (!required && from === undefined && to === undefined) return {};
  const f = checkInstant(from, 'from');
  const t = checkInstant(to, 'to');
  if (t <= f) throw new InputError('to', `${t.toISOString()} is not after ${f.toISOString()}`);
  return { from: f, to: t };
}

/** The finder, checked: every problem names its field. */
function checkFinder(store: Store, controllerId: string, finder: AffectedFinder): AffectedFinder {
  const f = (finder ?? {}) as Partial<
    Record<'by' | 'actor' | 'from' | 'to' | 'patch' | 'createdFrom' | 'createdTo' | 'returnId', unknown>
  > & {
    recordTypes?: unknown;
    personIds?: unknown;
  };
  const by = f.by;
  switch (by) {
    case 'accessed-by': {
      const w = window(f.from, f.to, true);
      return { by, actor: checkText(f.actor, 'actor', true)!, from: w.from!, to: w.to! };
    }
    case 'records': {
      const types = lookup(manifestFor(store, controllerId)).recordTypes;
      if (!Array.isArray(f.recordTypes) || f.recordTypes.length === 0)
        throw new InputError('recordTypes', 'name at least one record type');
      const recordTypes = f.recordTypes.map((t: unknown, i) => {
        if (typeof t !== 'string' || !types.has(t))
          throw new InputError(
            `recordTypes[${i}]`,
            `${JSON.stringify(t)} is not a record type the manifest declares`,
          );
        return t;
      });
      const w = window(f.createdFrom, f.createdTo, false);
      return {
        by,
        recordTypes,
        patch: checkText(f.patch, 'patch', false),
        createdFrom: w.from,
        createdTo: w.to,
      };
    }
    case 'return':
      return { by, returnId: checkId(f.returnId, 'returnId') };
    case 'people':
      if (!Array.isArray(f.personIds) || f.personIds.length === 0)
        throw new InputError('personIds', 'name at least one person');
      return { by, personIds: f.personIds.map((id: unknown, i) => checkId(id, `personIds[${i}]`)) };
    default:
      throw new InputError('by', 'must be one of accessed-by, records, return, people');
  }
}

export interface AffectedResult {
  found: number;
  added: number;
  total: number;
}

/** Find the people a breach affected and add them to it. */
export async function addAffected(
  store: Store,
  call: Call,
  breachId: string,
  finder: AffectedFinder,
): Promise<AffectedResult> {
  const action = 'breach.affected';
  const controllerId = call.actor.controllerId;
  const { breach, f } = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const row = await loadBreach(store.db, controllerId, checkId(breachId, 'breachId'));
    if (row.status === 'closed') throw new InputError('breachId', 'the breach is closed');
    if (row.kind === 'near-miss') throw new InputError('breachId', 'a near miss affected no one');
    return { breach: row, f: checkFinder(store, controllerId, finder) };
  });
  // The finder audits its own refusal, as every gated read does.
  const people = await findAffected(store, call, f, action);
  const now = store.now();
  return store.db.transaction(async (tx) => {
    const added = await tx.query<{ person_id: string }>(
      `insert into breach_affected (breach_id, person_id, controller_id, found_by, added_at, added_by)
       select $1, p, $2, $3, $4, $5 from unnest($6::uuid[]) as t(p)
       on conflict do nothing returning person_id`,
      [breach.id, controllerId, f.by, now, call.actor.id, people],
    );
    await appendAudit(
      tx,
      added.map((a) =>
        auditEvent(call, controllerId, now, {
          action,
          outcome: 'allowed',
          personId: a.person_id,
          recordIds: [breach.id],
          reason: `found by ${f.by}`,
        }),
      ),
    );
    const [total] = await tx.query<{ n: number }>(
      'select count(*)::int as n from breach_affected where breach_id = $1',
      [breach.id],
    );
    return { found: people.length, added: added.length, total: total!.n };
  });
}

/** The ids of the people a breach affected, with how each was found and whether they have been sent a letter. */
export async function affectedBy(
  store: Store,
  call: Call,
  breachId: string,
): Promise<{ personId: string; foundBy: string; letterAt: Date | null }[]> {
  const row = await loadBreach(store.db, call.actor.controllerId, checkId(breachId, 'breachId'));
  const rows = await store.db.query<{ person_id: string; found_by: string; letter_at: Date | null }>(
    'select person_id, found_by, letter_at from breach_affected where breach_id = $1 order by added_at, person_id',
    [row.id],
  );
  return rows.map((r) => ({ personId: r.person_id, foundBy: r.found_by, letterAt: r.letter_at }));
}
