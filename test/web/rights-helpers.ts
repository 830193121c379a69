/**
 * A known third party on the demo resident's file, for the subject access journeys: a contact log
 * whose summary names another tenant (mentioned in the record, so the store knows them) and gives
 * a phone number that is not the resident's. The pack must redact both and keep the rest.
 */
import { readPerson } from '../../src/records/people.ts';
import { createRecord } from '../../src/records/records.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { tenants } from './helpers.ts';

export const OWN_WORDS = 'asked about the boiler service date';

export interface ThirdParty {
  recordId: string;
  name: string;
  phone: string;
}

export async function addKnownThirdParty(store: Store): Promise<ThirdParty> {
  const controllerId = [...store.manifests.keys()][0]!;
  const call: Call = {
    actor: { id: 'test-setup', kind: 'system', controllerId, roles: [] },
    purpose: 'tenancy-management',
    channel: 'system',
  };
  const [resident, neighbour] = [tenants()[0]!, tenants()[7]!];
  const profile = (await readPerson(store, call, neighbour.id)).profile;
  const name = `${String(profile.givenName)} ${String(profile.familyName)}`;
  const phone = '07700 900461';
  const recordId = await createRecord(store, call, {
    controllerId,
    personId: resident.id,
    recordType: 'contact-log',
    payload: {
      channel: 'phone',
      summary: `Tenant ${OWN_WORDS}. Neighbour ${name} complained about noise, call back on ${phone}.`,
      occurredAt: new Date(store.now().getTime() - 86_400_000).toISOString(),
    },
    occurredAt: new Date(store.now().getTime() - 86_400_000),
    mentions: [{ personId: neighbour.id, part: 'complainant' }],
  });
  return { recordId, name, phone };
}
