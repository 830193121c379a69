/** Shared set-up for the erasure tests: records to hold about a person, and an erasure request. */
import { createRecord, type NewRecord } from '../../src/records/records.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { createRequest, transition } from '../../src/rights/requests/index.ts';
import { controllerId, system } from './requests-helpers.ts';

/** The system recording under another activity's purpose. */
export const as = (purpose: string): Call => ({ ...system, purpose });

export const record = (
  personId: string,
  recordType: string,
  payload: Record<string, unknown>,
  over: Partial<NewRecord> = {},
) => ({ controllerId, personId, recordType, payload, ...over }) as NewRecord;

/** A record about the person, made by the system for an activity's purpose; its id. */
export const addRecord = (
  store: Store,
  purpose: string,
  ...args: Parameters<typeof record>
): Promise<string> => createRecord(store, as(purpose), record(...args));

/** An erasure request by email, under way unless asked otherwise. */
export async function erasureRequest(store: Store, personId: string, inProgress = true): Promise<string> {
  const { id } = await createRequest(store, system, {
    controllerId,
    personId,
    right: 'erasure',
    channel: 'email',
    receivedOn: '2026-11-20',
  });
  if (inProgress) await transition(store, system, id, { to: 'in-progress', on: '2026-11-20' });
  return id;
}
