/** Jobs for the contractor tests: an open repair for Acme, one for another contractor, and closing one. */
import { createRecord } from '../../src/records/records.ts';
import { rectify } from '../../src/records/rectification.ts';
import type { Call, Store } from '../../src/records/store.ts';
import { tenants } from './helpers.ts';

const system: Call = {
  actor: { id: 'test-setup', kind: 'system', controllerId: 'brookvale-homes', roles: [] },
  purpose: 'repairs',
  channel: 'system',
};

export async function openJob(store: Store, assignedTo: string, description: string, tenant = 1) {
  const personId = tenants()[tenant]!.id;
  const recordId = await createRecord(store, system, {
    controllerId: 'brookvale-homes',
    personId,
    recordType: 'repair',
    payload: { description, reportedOn: '2026-11-20', priority: 'urgent', trade: 'plumbing' },
    patch: 'north',
    assignedTo,
  });
  return { personId, recordId };
}

/** The job is done: completedOn moves the record's close date, which ends the contractor's access. */
export async function closeJob(store: Store, job: { personId: string; recordId: string }, on = '2026-11-22') {
  await rectify(store, system, { ...job, field: 'completedOn', value: on, reason: 'job completed' });
}
