/**
 * The right to rectification (UK GDPR Art. 16): correct a field with its history kept, tied to
 * the rectification request it answers when there is one, and list the recipients who must be
 * told of the correction (Art. 19).
 */
import { InputError, NotFound } from '../../records/errors.ts';
import { rectify, type Corrected, type Correction } from '../../records/rectification.ts';
import { manifestFor, type Call, type Store } from '../../records/store.ts';
import { disclosedToIfAllowed } from '../../sharing/recipients.ts';
import { recipientsToTell, type RecipientToTell } from '../erasure/recipients.ts';
import { auditingDenials } from '../requests/gate.ts';
import { checkId } from '../requests/input.ts';
import { loadRequest } from '../requests/rows.ts';
import type { RequestStatus } from '../requests/vocabulary.ts';

export { rectificationHistory, type RectificationView } from '../../records/rectification-history.ts';
export type { Corrected, Correction } from '../../records/rectification.ts';

export interface Rectified extends Corrected {
  /**
   * Recipients to tell of the correction (Art. 19): those the disclosure log shows received the
   * person's data, and those the manifest declares for the activities the record type serves.
   */
  recipients: RecipientToTell[];
  /** False when the actor may not read the disclosure log: `recipients` are then the manifest's alone. */
  disclosureLogRead: boolean;
}

const OPEN: readonly RequestStatus[] = ['received', 'in-progress', 'extended'];

/** The request, if given, must be an open rectification request of the same person. */
async function checkRequest(store: Store, call: Call, input: Correction): Promise<void> {
  if (input?.requestId == null) return;
  const request = await loadRequest(store.db, checkId(input.requestId, 'requestId'));
  if (!request || request.controller_id !== call.actor.controllerId)
    throw new NotFound('the request (requestId)');
  if (request.right !== 'rectification')
    throw new InputError('requestId', `is a request for ${request.right}, not for rectification`);
  if (request.person_id !== input.personId?.toLowerCase())
    throw new InputError('requestId', 'is a request about someone else');
  if (!OPEN.includes(request.status))
    throw new InputError('requestId', `the request is ${request.status}, not open`);
}

export async function correct(store: Store, call: Call, input: Correction): Promise<Rectified> {
  const action = input?.recordId ? 'record.rectify' : 'person.rectify';
  await auditingDenials(store, call, call.actor.controllerId, action, undefined, () =>
    checkRequest(store, call, input),
  );
  const done = await rectify(store, call, input);
  // The correction is made: a refusal to read the log (audited by the gate) must not undo it.
  const disclosed = await disclosedToIfAllowed(store, call, done.personId);
  return {
    ...done,
    recipients: recipientsToTell(
      manifestFor(store, call.actor.controllerId),
      [done.recordType],
      disclosed ?? [],
    ),
    disclosureLogRead: disclosed !== null,
  };
}
