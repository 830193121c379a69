/**
 * The demo landlord with what the consent tests need beyond it: a communications officer who sends
 * the newsletters (which rest on consent alone), and support records whose health details rest on
 * explicit consent (Art. 9(2)(a)) while the rest rests on legitimate interests.
 */
import type { Call } from '../../src/records/store.ts';
import type { Manifest } from '../../src/manifest/schema.ts';
import { demoManifest } from '../support/store.ts';

export function consentManifest(): Manifest {
  const m = structuredClone(demoManifest());
  m.roles.push({
    id: 'communications-officer',
    name: 'Communications officer',
    kind: 'staff',
    purposes: ['newsletters'],
    scope: 'all',
    access: [{ recordType: 'person', fields: ['givenName', 'familyName', 'email'], write: false }],
  });
  const support = m.activities.find((a) => a.id === 'support')!;
  support.lawfulBases = [
    support.lawfulBases[0]!,
    {
      basis: 'legitimate-interests',
      categories: ['health'],
      art9: 'a',
      explicit: true,
      schedule1: [],
      withdrawal: 'Tell your support worker, or use the resident portal.',
    },
  ];
  return m;
}

export const manifest = consentManifest();
export const controllerId = manifest.controller.id;

/** Staff who record consent act on the person's details for answering rights (the DPO's purpose). */
export const dpo: Call = {
  actor: { id: 'dpo-1', kind: 'staff', controllerId, roles: ['data-protection-officer'] },
  purpose: 'subject-access',
  channel: 'web',
};

export const comms: Call = {
  actor: { id: 'comms-1', kind: 'staff', controllerId, roles: ['communications-officer'] },
  purpose: 'newsletters',
  channel: 'web',
};

export const housing: Call = {
  actor: { id: 'custos', kind: 'system', controllerId, roles: [] },
  purpose: 'tenancy-management',
  channel: 'system',
};

/** The person in the portal: managing their own consent is using their rights, as the web portal does it. */
export const portal = (personId: string): Call => ({
  actor: { id: `portal:${personId}`, kind: 'subject', controllerId, roles: [], personId },
  purpose: 'subject-access',
  channel: 'portal',
});
