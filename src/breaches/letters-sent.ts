/**
 * Marking prepared letters as sent, on the day and time they were posted: downloading letters
 * does not send them, so the register says "sent" only when someone records that they were.
 * Each person's letter is audited on their own file.
 */
import { appendAudit } from '../audit/append.ts';
import { InputError } from '../records/errors.ts';
import { auditEvent, type Call, type Store } from '../records/store.ts';
import { auditingDenials } from '../rights/requests/gate.ts';
import { momentWords } from '../manifest/words.ts';
import { checkPastInstant } from './input.ts';
import { openBreach } from './steps.ts';

/** Mark every prepared letter not yet sent as sent at `sentAt`; returns how many. */
export async function markLettersSent(
  store: Store,
  call: Call,
  breachId: string,
  input: { sentAt: Date | string },
): Promise<number> {
  const action = 'breach.letter-sent';
  const controllerId = call.actor.controllerId;
  const { row, sentAt, waiting } = await auditingDenials(
    store,
    call,
    controllerId,
    action,
    undefined,
    async () => {
      const row = await openBreach(store, call, breachId);
      const sentAt = checkPastInstant(input?.sentAt, 'sentAt', store.now());
      const waiting = await store.db.query<{ person_id: string; prepared: Date }>(
        `select person_id, letter_prepared_at as prepared from breach_affected
          where breach_id = $1 and letter_prepared_at is not null and letter_at is null`,
        [row.id],
      );
      if (waiting.length === 0)
        throw new InputError('sentAt', 'cannot be recorded: no prepared letter is waiting to be sent');
      const first = waiting.reduce((a, b) => (a.prepared < b.prepared ? a : b)).prepared;
      // Forms give the minute only: a letter posted in the minute it was prepared is not "before".
      if (sentAt.getTime() < first.getTime() - (first.getTime() % 60_000))
        throw new InputError(
          'sentAt',
          `cannot be before the letters were prepared (${momentWords(first)}): ${momentWords(sentAt)} is earlier`,
        );
      return { row, sentAt, waiting: waiting.map((w) => w.person_id) };
    },
  );
  const now = store.now();
  await store.db.transaction(async (tx) => {
    await tx.query(
      'update breach_affected set letter_at = $3 where breach_id = $1 and person_id = any($2::uuid[])',
      [row.id, waiting, sentAt],
    );
    await appendAudit(
      tx,
      waiting.map((personId) =>
        auditEvent(call, controllerId, now, { action, outcome: 'allowed', personId, recordIds: [row.id] }),
      ),
    );
  });
  return waiting.length;
}
