/** The shapes of a batch write and of its problems. */
import type { Profile } from './people.ts';
import type { NewDocument } from './documents.ts';
import type { NewRecord } from './records.ts';

export const RELATIONSHIPS = [
  'joint-tenant',
  'sole-tenant',
  'partner',
  'child',
  'adult-member',
  'lodger',
  'carer',
  'other',
] as const;

export interface BatchPerson {
  id?: string;
  subjectTypes: string[];
  profile: Profile;
}
export interface BatchProperty {
  id?: string;
  uprn?: string;
  address: string;
  postcode: string;
  patch?: string;
}
export interface BatchHousehold {
  id?: string;
  propertyId: string;
  members: {
    personId: string;
    relationship: (typeof RELATIONSHIPS)[number];
    startedOn: string;
    endedOn?: string;
  }[];
}
export interface BatchTenancy {
  id?: string;
  householdId: string;
  propertyId: string;
  kind: string;
  startedOn: string;
  endedOn?: string;
  parties: string[];
}
export type BatchRecord = Omit<NewRecord, 'controllerId'> & { id?: string };
/** A document attached to the person, or to one of this batch's records (by the id given to it). */
export type BatchDocument = NewDocument & { id?: string };

export interface Batch {
  controllerId: string;
  people?: BatchPerson[];
  properties?: BatchProperty[];
  households?: BatchHousehold[];
  tenancies?: BatchTenancy[];
  records?: BatchRecord[];
  documents?: BatchDocument[];
}

export interface BatchProblem {
  /** Where in the batch, e.g. "records[12].payload.channel". */
  path: string;
  reason: string;
}

export class BatchError extends Error {
  constructor(readonly problems: BatchProblem[]) {
    super(`${problems.length} problem(s) in the batch; nothing was written`);
  }
}

export interface BatchResult {
  people: string[];
  properties: string[];
  households: string[];
  tenancies: string[];
  records: string[];
  documents: string[];
}
