/** An erasure plan's stored rows, the sealed words of its items, and the request it answers. */
import { InputError, NotFound } from '../../records/errors.ts';
import type { Queryable } from '../../store/db.ts';
import { aad, seal, unseal } from '../../store/person-keys.ts';
import { loadRequest, type RequestRow } from '../requests/rows.ts';
import type { RequestStatus } from '../requests/vocabulary.ts';
import type { Said } from './told.ts';
import type { ErasureAction, ErasureReason, ItemKind } from './vocabulary.ts';

export interface PlanRow {
  id: string;
  controller_id: string;
  person_id: string;
  request_id: string;
  status: 'proposed' | 'executed';
  created_at: Date;
  created_by: string;
  executed_at: Date | null;
  executed_by: string | null;
  person_erased: boolean;
  tombstoned_at: Date | null;
  key_destroyed_at: Date | null;
}

/** An executed plan whose steps in the key vault did not all complete (the vault was unreachable). */
export const unfinished = (plan: PlanRow): boolean =>
  plan.status === 'executed' && (!plan.tombstoned_at || (plan.person_erased && !plan.key_destroyed_at));

export interface ItemRow {
  n: number;
  kind: ItemKind;
  record_id: string | null;
  record_type: string;
  parts: string[];
  proposed_action: ErasureAction;
  proposed_reason: ErasureReason;
  action: ErasureAction;
  reason: ErasureReason;
  overridden_by: string | null;
  overridden_at: Date | null;
  words: Uint8Array;
}

/** Sealed with each item: its title and what the person is told, and the caseworker's note. */
export interface ItemWords {
  title: string;
  /** What the person is told, by vocabulary code and words as written (items stored since codes are kept). */
  said?: Said[];
  /** What the person was to be told as one text, on items stored before; read back by saidFromStored. */
  explanation?: string;
  note: string | null;
}

export async function loadPlan(q: Queryable, id: string, lock = false): Promise<PlanRow | undefined> {
  const [row] = await q.query<PlanRow>(
    `select id, controller_id, person_id, request_id, status, created_at, created_by, executed_at, executed_by,
            person_erased, tombstoned_at, key_destroyed_at
       from erasure_plans where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return row;
}

export function loadItems(q: Queryable, planId: string): Promise<ItemRow[]> {
  return q.query<ItemRow>(
    `select n, kind, record_id, record_type, parts, proposed_action, proposed_reason, action, reason,
            overridden_by, overridden_at, words
       from erasure_items where plan_id = $1 order by n`,
    [planId],
  );
}

const place = (planId: string, n: number) => `erasure_items/${planId}/${n}`;

export function sealWords(
  key: Buffer,
  plan: PlanRow | { controller_id: string; person_id: string; id: string },
  n: number,
  words: ItemWords,
): Buffer {
  return seal(key, words, aad(plan.controller_id, plan.person_id, place(plan.id, n)));
}

export function openWords(
  key: Buffer | null | undefined,
  plan: PlanRow,
  n: number,
  sealed: Uint8Array,
): ItemWords {
  return unseal<ItemWords>(key, sealed, aad(plan.controller_id, plan.person_id, place(plan.id, n)));
}

/** Statuses in which an erasure may be planned, and (work under way) carried out. */
export const PLANNABLE: readonly RequestStatus[] = ['received', 'in-progress', 'extended'];
export const EXECUTABLE: readonly RequestStatus[] = ['in-progress', 'extended'];

/** The erasure request, checked: it exists, is for erasure, and is at a stage where this step may happen. */
export async function erasureRequest(
  q: Queryable,
  requestId: string,
  controllerId: string,
  step: 'plan' | 'execute',
): Promise<RequestRow> {
  const request = await loadRequest(q, requestId);
  if (!request || request.controller_id !== controllerId) throw new NotFound('the request (requestId)');
  if (request.right !== 'erasure')
    throw new InputError('requestId', `is a request for ${request.right}, not for erasure`);
  const allowed = step === 'plan' ? PLANNABLE : EXECUTABLE;
  if (!allowed.includes(request.status))
    throw new InputError(
      'requestId',
      `the request is ${request.status}; an erasure may be ${step === 'plan' ? 'planned' : 'carried out'} only while it is ${allowed.join(' or ')}`,
    );
  return request;
}
