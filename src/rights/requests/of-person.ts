/**
 * Every rights request one person has made, newest first, each read through the gate and audited.
 * The person is gated first, so asking about someone the actor may not act on is refused before
 * any request is looked at.
 */
import type { Call, Store } from '../../records/store.ts';
import { auditingDenials, gateSubject } from './gate.ts';
import { checkId } from './input.ts';
import { readRequest, type RequestView } from './read.ts';

export async function requestsOf(
  store: Store,
  call: Call,
  controllerId: string,
  personId: string,
): Promise<RequestView[]> {
  const id = checkId(personId, 'personId');
  await auditingDenials(store, call, controllerId, 'rights-request.read', undefined, () =>
    gateSubject(store, call, controllerId, id, 'read'),
  );
  // Ids only from the requests' index; each request is then opened and audited by readRequest.
  const rows = await store.db.query<{ id: string }>(
    'select id from rights_requests where person_id = $1 and controller_id = $2 order by received_on desc, created_at desc',
    [id, controllerId],
  );
  const views: RequestView[] = [];
  for (const r of rows) views.push(await readRequest(store, call, r.id));
  return views;
}
