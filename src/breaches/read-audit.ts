/**
 * Reads of the breach register are audited. A breach's words describe the incident and should
 * name no one, but a summary can still identify people ("the tenant at 4 Elm Row"), so who read the
 * register, for what and how is recorded like any read of personal data: one event per read,
 * naming the breaches read, written through the group commit for reads (audit/group-commit.ts)
 * before anything is returned, so no read goes unrecorded.
 */
import { readAudit } from '../audit/group-commit.ts';
import { auditEvent, type Call, type Store } from '../records/store.ts';

/** The actions a read of the register is audited under. */
export type RegisterRead = 'breach.read' | 'breach.list' | 'breach.ropa';

/** Record that `call` read these breaches; resolves once the event is committed. */
export async function auditRegisterRead(
  store: Store,
  call: Call,
  action: RegisterRead,
  breachIds: readonly string[],
): Promise<void> {
  const controllerId = call.actor.controllerId;
  await readAudit(store.db).append([
    auditEvent(call, controllerId, store.now(), { action, outcome: 'allowed', recordIds: breachIds }),
  ]);
}
