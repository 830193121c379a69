/**
 * The manifest the sharing, returns and breach tests use: the demo landlord itself, which declares
 * the National Fraud Initiative, CORE and the Rental Exchange with their recipients and agreements,
 * a right-to-buy record type, and the breach-handling activity (docs/returns.md shows the YAML).
 */
import { readFileSync } from 'node:fs';
import type { Manifest } from '../../src/manifest/schema.ts';
import { DEMO_MANIFEST_FILE, demoManifest } from '../support/store.ts';

export function sharingManifestText(): string {
  return readFileSync(DEMO_MANIFEST_FILE, 'utf8');
}

export function sharingManifest(): Manifest {
  return demoManifest();
}
