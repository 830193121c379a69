/**
 * A chunk of the demo landlord as batches for `writeBatch`. The gate takes one purpose per call,
 * so everything is grouped by the purpose it is written for, and the groups are written in an
 * order that puts every person before the records that name them.
 */
import type {
  Batch,
  BatchHousehold,
  BatchPerson,
  BatchProperty,
  BatchDocument,
  BatchRecord,
  BatchTenancy,
} from '../records/batch.ts';
import type { Rng } from './random.ts';

/** Writing order: residents and homes first, then the people and records of the other purposes. */
export const PURPOSES = [
  'tenancy-management',
  'lettings',
  'asb',
  'repairs',
  'support',
  'equality-monitoring',
  'complaints',
  'cctv',
] as const;
export type DemoPurpose = (typeof PURPOSES)[number];

export interface PlannedBatch {
  purpose: DemoPurpose;
  batch: Batch;
}

export interface ChunkPlan {
  index: number;
  households: number;
  batches: PlannedBatch[];
}

type Parts = Required<Omit<Batch, 'controllerId'>>;
const empty = (): Parts => ({
  people: [],
  properties: [],
  households: [],
  tenancies: [],
  records: [],
  documents: [],
});

/** What every part of the generator is given: where to put things, the dice, and "today". */
export interface Ctx {
  b: ChunkBuilder;
  rng: Rng;
  /** The reference day (day number) the data is as of. */
  asOf: number;
}

/** Collects a chunk's items, giving each an id from the seeded generator. */
export class ChunkBuilder {
  private readonly parts = new Map<DemoPurpose, Parts>();

  constructor(
    readonly controllerId: string,
    readonly rng: Rng,
  ) {}

  private group(purpose: DemoPurpose): Parts {
    let parts = this.parts.get(purpose);
    if (!parts) this.parts.set(purpose, (parts = empty()));
    return parts;
  }

  person(purpose: DemoPurpose, person: Omit<BatchPerson, 'id'>): string {
    const id = this.rng.uuid();
    this.group(purpose).people.push({ id, ...person });
    return id;
  }

  /** Homes are not personal data in themselves; they travel with the residents' batch. */
  property(property: Omit<BatchProperty, 'id'>): string {
    const id = this.rng.uuid();
    this.group('tenancy-management').properties.push({ id, ...property });
    return id;
  }

  household(household: Omit<BatchHousehold, 'id'>): string {
    const id = this.rng.uuid();
    this.group('tenancy-management').households.push({ id, ...household });
    return id;
  }

  tenancy(tenancy: Omit<BatchTenancy, 'id'>): string {
    const id = this.rng.uuid();
    this.group('tenancy-management').tenancies.push({ id, ...tenancy });
    return id;
  }

  record(purpose: DemoPurpose, record: Omit<BatchRecord, 'id'>): string {
    const id = this.rng.uuid();
    this.group(purpose).records.push({ id, ...record });
    return id;
  }

  /** A document attached to a record written in the same purpose's batch. */
  document(purpose: DemoPurpose, document: Omit<BatchDocument, 'id'>): string {
    const id = this.rng.uuid();
    this.group(purpose).documents.push({ id, ...document });
    return id;
  }

  build(): PlannedBatch[] {
    return PURPOSES.filter((p) => this.parts.has(p)).map((purpose) => ({
      purpose,
      batch: { controllerId: this.controllerId, ...this.parts.get(purpose)! },
    }));
  }
}
