/** A Store over a test database: the demo landlord's manifest, a fresh master key, a fixed clock. */
import { randomBytes } from 'node:crypto';
import { loadManifest } from '../../src/manifest/validate.ts';
import type { Manifest } from '../../src/manifest/schema.ts';
import type { Store } from '../../src/records/store.ts';
import type { Db } from '../../src/store/db.ts';
import { LocalKeyRing } from '../../src/store/keys.ts';

export const DEMO_MANIFEST_FILE = new URL('../../examples/demo-landlord.yaml', import.meta.url).pathname;
export const demoManifest = (): Manifest => loadManifest(DEMO_MANIFEST_FILE, { today: '2026-11-23' });
export const TEST_NOW = new Date('2026-11-23T10:00:00Z');

export function testStore(db: Db, manifest: Manifest = demoManifest(), now: Date = TEST_NOW): Store {
  return {
    db,
    keys: new LocalKeyRing(new Map([['k1', randomBytes(32)]]), 'k1'),
    manifests: new Map([[manifest.controller.id, manifest]]),
    now: () => now,
  };
}
