/** An objection's stored row and its sealed words. */
import type { Queryable } from '../../store/db.ts';
import { aad, seal, unseal } from '../../store/person-keys.ts';
import type { ObjectionGround, ObjectionStatus, OverrideCode } from './vocabulary.ts';

export interface ObjectionRow {
  id: string;
  controller_id: string;
  person_id: string;
  scope: 'activity' | 'direct-marketing';
  activity_id: string | null;
  ground: ObjectionGround;
  request_id: string | null;
  status: ObjectionStatus;
  received_on: string;
  override_code: OverrideCode | null;
  words: Uint8Array;
  created_at: Date;
  created_by: string;
  decided_at: Date | null;
  decided_by: string | null;
}

/** { note } when recorded; the grounds for overriding, or the note of a withdrawal, added later. */
export interface ObjectionWords {
  note: string | null;
  grounds?: string;
  withdrawal?: string | null;
}

const COLUMNS = `id, controller_id, person_id, scope, activity_id, ground, request_id, status, received_on, override_code,
  words, created_at, created_by, decided_at, decided_by`;

export async function loadObjection(
  q: Queryable,
  id: string,
  lock = false,
): Promise<ObjectionRow | undefined> {
  const [row] = await q.query<ObjectionRow>(
    `select ${COLUMNS} from objections where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return row;
}

export function objectionsOf(q: Queryable, personId: string): Promise<ObjectionRow[]> {
  return q.query<ObjectionRow>(
    `select ${COLUMNS} from objections where person_id = $1 order by created_at, id`,
    [personId],
  );
}

const place = (row: Pick<ObjectionRow, 'controller_id' | 'person_id' | 'id'>) =>
  aad(row.controller_id, row.person_id, `objections/${row.id}`);

export const sealWords = (
  key: Buffer,
  row: Pick<ObjectionRow, 'controller_id' | 'person_id' | 'id'>,
  words: ObjectionWords,
) => seal(key, words, place(row));
export const openWords = (key: Buffer | null | undefined, row: ObjectionRow) =>
  unseal<ObjectionWords>(key, row.words, place(row));
