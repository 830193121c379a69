/**
 * Writing the demo landlord into a store: chunk by chunk, each chunk's purposes one `writeBatch`
 * each (the gate takes one purpose per call), as Custos itself (a system actor), so every person
 * and record passes the gate and is audited like any other write.
 */
import { lookup } from '../manifest/lookup.ts';
import { writeBatch } from '../records/batch.ts';
import { findPeople } from '../records/find-people.ts';
import { manifestFor, type Call, type Store } from '../records/store.ts';
import { isIsoDate } from './dates.ts';
import { chunkCount, DEFAULT_AS_OF, DEMO_CONTROLLER, generateChunk, type DemoOptions } from './generate.ts';
import type { DemoPurpose, PlannedBatch } from './plan.ts';

export class DemoError extends Error {}

export interface DemoProgress {
  households: number;
  total: number;
  people: number;
  records: number;
}

export interface DemoSummary extends DemoProgress {
  properties: number;
  tenancies: number;
  documents: number;
}

export interface GenerateOptions extends DemoOptions {
  onProgress?: (progress: DemoProgress) => void;
}

const RECORD_TYPES = [
  'person',
  'contact-log',
  'repair',
  'support-needs',
  'application',
  'rent-transaction',
  'arrears-case',
  'asb-case',
  'asb-statement',
  'complaint',
  'equality-monitoring',
  'call-recording',
  'cctv-clip',
];

export const DEMO_ACTOR_ID = 'custos-demo';

function check(store: Store, options: DemoOptions): void {
  if (!Number.isInteger(options.households) || options.households < 1)
    throw new DemoError('households must be a whole number of at least 1');
  if (!Number.isInteger(options.seed)) throw new DemoError('seed must be a whole number');
  if (options.asOf !== undefined && !isIsoDate(options.asOf))
    throw new DemoError('the reference day must be a date written YYYY-MM-DD');
  const controllerId = options.controllerId ?? DEMO_CONTROLLER;
  if (!store.manifests.has(controllerId))
    throw new DemoError(
      `no manifest for "${controllerId}" is loaded; the demo needs examples/demo-landlord.yaml`,
    );
  const types = lookup(manifestFor(store, controllerId)).recordTypes;
  const missing = RECORD_TYPES.filter((t) => !types.has(t));
  if (missing.length > 0)
    throw new DemoError(
      `the manifest does not declare the record types the demo needs (${missing.join(', ')}); use examples/demo-landlord.yaml`,
    );
}

const callFor = (controllerId: string, purpose: DemoPurpose): Call => ({
  actor: { id: DEMO_ACTOR_ID, kind: 'system', controllerId, roles: [] },
  purpose,
  channel: 'system',
});

/** Fill the store with the demo landlord; the same households, seed and day give the same data. */
export async function generateDemo(store: Store, options: GenerateOptions): Promise<DemoSummary> {
  check(store, options);
  const controllerId = options.controllerId ?? DEMO_CONTROLLER;
  const opts: DemoOptions = { ...options, controllerId, asOf: options.asOf ?? DEFAULT_AS_OF };
  const first = generateChunk(opts, 0);
  if (await alreadyThere(store, controllerId, first.batches)) {
    throw new DemoError(
      `this store already holds data (perhaps from an earlier or interrupted demo); ${
        store.db.engine === 'server'
          ? 'point DATABASE_URL at a new, empty database (createdb custos_demo)'
          : 'set CUSTOS_DATA_DIR to a new folder, or delete the current one,'
      } and run it again`,
    );
  }
  const total: DemoSummary = {
    households: 0,
    total: opts.households,
    people: 0,
    records: 0,
    properties: 0,
    tenancies: 0,
    documents: 0,
  };
  for (let index = 0; index < chunkCount(opts.households); index++) {
    const plan = index === 0 ? first : generateChunk(opts, index);
    for (const { purpose, batch } of plan.batches) {
      const ids = await writeBatch(store, callFor(controllerId, purpose), batch);
      total.people += ids.people.length;
      total.records += ids.records.length;
      total.properties += ids.properties.length;
      total.tenancies += ids.tenancies.length;
      total.documents += ids.documents.length;
    }
    total.households += plan.households;
    options.onProgress?.({
      households: total.households,
      total: total.total,
      people: total.people,
      records: total.records,
    });
  }
  return total;
}

/** Customer references are the same for every seed, so the first one tells whether a demo is loaded. */
async function alreadyThere(store: Store, controllerId: string, batches: PlannedBatch[]): Promise<boolean> {
  const ref = batches.flatMap((b) => b.batch.people ?? []).find((p) => p.profile.customerRef)
    ?.profile.customerRef;
  return (
    typeof ref === 'string' &&
    (await findPeople(store, callFor(controllerId, 'tenancy-management'), controllerId, 'customer-ref', ref))
      .length > 0
  );
}
