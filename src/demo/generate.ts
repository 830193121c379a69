/**
 * The demo landlord, chunk by chunk. A chunk is a run of households generated from (seed, chunk
 * index) alone, so the same households and seed always give the same people, homes and records,
 * ids included, and any chunk can be made without making the ones before it.
 */
import { asbCases, complaints, supportNeeds } from './cases.ts';
import { toDay } from './dates.ts';
import { generateHomes } from './homes.ts';
import { housedApplication, tenantEquality, unsuccessfulApplicant } from './lettings.ts';
import { ChunkBuilder, type ChunkPlan, type Ctx } from './plan.ts';
import { Rng } from './random.ts';
import { callRecordings, contactLogs, rentAccount, repairs } from './tenancy-records.ts';

export const DEMO_CONTROLLER = 'brookvale-homes';
export const DEFAULT_AS_OF = '2026-11-23';
/** Households per chunk: big enough for neighbours to meet in ASB cases, small enough to write in one go. */
export const CHUNK_HOUSEHOLDS = 200;

export interface DemoOptions {
  households: number;
  seed: number;
  /** The day the data is as of (YYYY-MM-DD): every date is counted back from it. */
  asOf?: string;
  controllerId?: string;
}

export const chunkCount = (households: number) => Math.ceil(households / CHUNK_HOUSEHOLDS);

/** Customer references are numbered by chunk, so they are unique without shared state. */
const customerRef = (chunk: number, n: number) =>
  `BV${String(chunk).padStart(4, '0')}${String(n).padStart(4, '0')}`;

export function generateChunk(options: DemoOptions, index: number): ChunkPlan {
  const rng = new Rng(options.seed, index);
  const b = new ChunkBuilder(options.controllerId ?? DEMO_CONTROLLER, rng);
  const ctx: Ctx = { b, rng, asOf: toDay(options.asOf ?? DEFAULT_AS_OF) };
  const households = Math.min(CHUNK_HOUSEHOLDS, options.households - index * CHUNK_HOUSEHOLDS);
  let refs = 0;
  const homes = generateHomes({ ...ctx, nextRef: () => customerRef(index, ++refs) }, households);
  for (const home of homes) {
    housedApplication(ctx, home);
    contactLogs(ctx, home);
    rentAccount(ctx, home);
    repairs(ctx, home);
    callRecordings(ctx, home);
    supportNeeds(ctx, home);
    tenantEquality(ctx, home);
  }
  asbCases(ctx, homes);
  complaints(ctx, homes);
  for (let i = 0; i < Math.round(households * 0.3); i++) unsuccessfulApplicant(ctx);
  return { index, households, batches: b.build() };
}
