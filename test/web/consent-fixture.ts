/**
 * The web app over the demo landlord plus what consent, sharing and breaches need: the sharing
 * test manifest (NFI, CORE and the Rental Exchange with agreements, and the data-breaches activity
 * for the DPO), and a communications officer whose role works under newsletters, the demo's one
 * consent-based activity, so a withdrawal in the portal can be seen to stop staff at once.
 */
import YAML from 'yaml';
import { seedWebDemo } from '../../src/app/demo-web.ts';
import { validateText } from '../../src/manifest/validate.ts';
import type { Manifest } from '../../src/manifest/schema.ts';
import { createStaffAccount } from '../../src/web/auth/staff-accounts.ts';
import { buildWebApp, type WebOptions } from '../../src/web/app.ts';
import { openTestDb } from '../support/db.ts';
import { testStore, TEST_NOW } from '../support/store.ts';
import { sharingManifestText } from '../sharing/manifest.ts';
import { HOUSEHOLDS, type Clock, type WebFixture } from './helpers.ts';

export const COMMS = {
  username: 'comms',
  displayName: 'Casey Morgan',
  kind: 'staff' as const,
  roles: ['communications-officer'],
  password: 'demo-comms-password',
  totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};

const COMMS_ROLE = {
  id: 'communications-officer',
  name: 'Communications officer',
  kind: 'staff',
  purposes: ['newsletters'],
  access: [{ recordType: 'person', fields: ['givenName', 'familyName', 'email'] }],
};

export function consentManifest(): Manifest {
  const doc = YAML.parse(sharingManifestText()) as { roles: unknown[] };
  doc.roles.push(COMMS_ROLE);
  const v = validateText('consent-web-test.yaml', YAML.stringify(doc), { today: '2026-11-23' });
  const errors = v.problems.filter((p) => p.severity === 'error');
  if (!v.manifest || errors.length) throw new Error(`test manifest invalid: ${JSON.stringify(errors)}`);
  return v.manifest;
}

export async function consentWebFixture(options: WebOptions = {}): Promise<WebFixture> {
  const test = await openTestDb();
  const clock: Clock = {
    now: new Date(TEST_NOW),
    advance(ms) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const manifest = consentManifest();
  const store = { ...testStore(test.db, manifest), now: () => clock.now };
  const { apiKey } = await seedWebDemo(store, { households: HOUSEHOLDS });
  await createStaffAccount(store.db, store.keys, manifest, COMMS, clock.now);
  const app = await buildWebApp(store, { logger: false, ...options });
  await app.ready();
  return {
    test,
    store,
    clock,
    app,
    apiKey,
    async close() {
      await app.close();
      await test.close();
    },
  };
}
