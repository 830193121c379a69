/**
 * Everyone on the register to act for one person, each read through the gate and audited. The
 * person is gated first, so asking about someone the actor may not act on (or no one) is refused
 * before the register is even looked at.
 */
import type { Call, Store } from '../../records/store.ts';
import { auditingDenials, gateSubject } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { readRepresentative, type RepresentativeView } from './read.ts';

export async function listRepresentatives(
  store: Store,
  call: Call,
  controllerId: string,
  personId: string,
): Promise<RepresentativeView[]> {
  const id = checkId(personId, 'personId');
  await auditingDenials(store, call, controllerId, 'representative.read', undefined, () =>
    gateSubject(store, call, controllerId, id, 'read'),
  );
  // Ids only from the register's index (no personal data in it); each is then read and audited.
  const rows = await store.db.query<{ id: string }>(
    'select id from rights_representatives where person_id = $1 and controller_id = $2 order by created_at, id',
    [id, controllerId],
  );
  const views: RepresentativeView[] = [];
  for (const r of rows) views.push(await readRepresentative(store, call, r.id));
  return views;
}
