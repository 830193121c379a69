/**
 * Ending an objection's effect: a caseworker records compelling legitimate grounds that override
 * the person's interests, or that the processing is needed for legal claims (Art. 21(1)); never for
 * direct marketing (Art. 21(3)). Or the person withdraws it, which they may do about themself: the
 * rights gate decides for everyone, and refuses a person withdrawing anyone else's. Either is
 * audited; the words are sealed.
 */
import { appendAudit } from '../../audit/append.ts';
import { AccessDenied, InputError, NotFound } from '../../records/errors.ts';
import { gateRightsAction } from '../../records/rights-gate.ts';
import { auditEvent, type Call, type Store, vaultOf } from '../../records/store.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId, checkOneOf, checkText } from '../requests/input.ts';
import { loadObjection, openWords, sealWords, type ObjectionRow, type ObjectionWords } from './rows.ts';
import { OVERRIDE_CODES, type OverrideCode } from './vocabulary.ts';

export interface Override {
  code: OverrideCode;
  /** The grounds, as the person will be told them (sealed). */
  grounds: string;
}

async function upheld(store: Store, call: Call, objectionId: string): Promise<ObjectionRow> {
  const row = await loadObjection(store.db, checkId(objectionId, 'objectionId'));
  if (!row || row.controller_id !== call.actor.controllerId)
    throw new NotFound('the objection (objectionId)');
  if (row.status !== 'upheld') throw new InputError('objectionId', `the objection is already ${row.status}`);
  return row;
}

async function settle(
  store: Store,
  call: Call,
  row: ObjectionRow,
  action: string,
  change: { status: 'overridden' | 'withdrawn'; code: OverrideCode | null; words: Partial<ObjectionWords> },
): Promise<void> {
  const key = (await vaultOf(store).load([row.person_id])).get(row.person_id);
  if (!key) throw new InputError('objectionId', "the person's data has been erased");
  const words = { ...openWords(key, row), ...change.words };
  const now = store.now();
  await auditingDenials(store, call, row.controller_id, action, row.person_id, () =>
    store.db.transaction(async (tx) => {
      const done = await tx.query(
        `update objections set status = $2, override_code = $3, words = $4, decided_at = $5, decided_by = $6
          where id = $1 and status = 'upheld' returning id`,
        [row.id, change.status, change.code, sealWords(key, row, words), now, call.actor.id],
      );
      if (done.length !== 1) throw new InputError('objectionId', 'the objection is no longer upheld');
      await appendAudit(tx, [
        auditEvent(call, row.controller_id, now, {
          action,
          outcome: 'allowed',
          personId: row.person_id,
          recordIds: [row.id],
          reason: `${row.ground}: ${row.activity_id ?? 'all direct marketing'} ${change.status}${change.code ? ` (${change.code})` : ''}`,
        }),
      ]);
    }),
  );
}

export async function overrideObjection(
  store: Store,
  call: Call,
  objectionId: string,
  input: Override,
): Promise<void> {
  const action = 'objection.override';
  const { row, code, grounds } = await auditingDenials(
    store,
    call,
    call.actor.controllerId,
    action,
    undefined,
    async () => {
      const found = await upheld(store, call, objectionId);
      if (found.ground === 'direct-marketing')
        throw new InputError(
          'objectionId',
          'an objection to direct marketing is absolute: no grounds override it (Art. 21(3))',
        );
      // Weighing the person's interests against the landlord's is a human judgement.
      if (call.actor.kind !== 'staff')
        throw new AccessDenied('overriding grounds are recorded by a member of staff');
      return {
        row: found,
        code: checkOneOf(input?.code, OVERRIDE_CODES, 'code'),
        grounds: checkText(input?.grounds, 'grounds', true)!,
      };
    },
  );
  await gateRightsAction(store, call, row.person_id, action);
  await settle(store, call, row, action, { status: 'overridden', code, words: { grounds } });
}

export async function withdrawObjection(
  store: Store,
  call: Call,
  objectionId: string,
  input: { note?: string } = {},
): Promise<void> {
  const action = 'objection.withdraw';
  const { row, note } = await auditingDenials(
    store,
    call,
    call.actor.controllerId,
    action,
    undefined,
    async () => ({
      row: await upheld(store, call, objectionId),
      note: checkText(input?.note, 'note', false) ?? null,
    }),
  );
  await gateRightsAction(store, call, row.person_id, action, { byThePerson: true });
  await settle(store, call, row, action, { status: 'withdrawn', code: null, words: { withdrawal: note } });
}
