/**
 * A person's file as the portal and the staff page show it: records of a type newest first by
 * their own date (when a payment was posted, a call made), not by the day they were added (a
 * demo's or an import's), durations in minutes and seconds, and values in words.
 */
import { describe, expect, it } from 'vitest';
import type { PersonFile, RecordView } from '../../src/records/records.ts';
import { presentFile } from '../../src/web/present.ts';
import { demoManifest } from '../support/store.ts';

const manifest = demoManifest();
const imported = new Date('2026-11-24T08:00:00Z');

const record = (id: string, recordType: string, fields: Record<string, unknown>): RecordView => ({
  id,
  recordType,
  createdAt: imported,
  fields,
});

const file: PersonFile = {
  personId: 'p-1',
  profile: { givenName: 'Zebediah', dateOfBirth: '1978-12-24' },
  withheld: 0,
  records: [
    record('r-1', 'rent-transaction', { postedOn: '2026-09-01', kind: 'rent-charge', amount: 412.5 }),
    record('r-2', 'rent-transaction', {
      postedOn: '2026-10-15',
      kind: 'payment',
      amount: -412.5,
      method: 'direct-debit',
    }),
    record('r-3', 'rent-transaction', { postedOn: '2026-09-20', kind: 'adjustment', amount: 3 }),
    record('c-1', 'call-recording', {
      recordedAt: '2026-09-09T15:56:00.000Z',
      direction: 'inbound',
      durationSeconds: 1272,
    }),
    record('l-1', 'contact-log', { channel: 'phone', summary: 'No date held' }),
  ],
};

describe('presentFile', () => {
  const view = presentFile(manifest, file);
  const groupOf = (id: string) => view.groups.find((g) => g.type.id === id)!;

  it('orders records of a type by their own date, newest first, and dates them by it', () => {
    const rent = groupOf('rent-transaction');
    expect(rent.rows.map((r) => r.id)).toEqual(['r-2', 'r-3', 'r-1']);
    expect(rent.dateLabel).toBe('Posted on');
    expect(rent.rows.map((r) => r.date)).toEqual([
      '15 October 2026',
      '20 September 2026',
      '1 September 2026',
    ]);
    // The date is shown once, first, not again among the other columns.
    expect(rent.otherColumns.map((c) => c.name)).not.toContain('postedOn');
    expect(rent.rows[0]!.otherCells).toEqual(['Payment', '-£412.50', 'Direct debit']);
  });

  it('writes a duration in minutes and seconds and a time in UK time', () => {
    const call = groupOf('call-recording');
    expect(call.rows[0]!.date).toBe('9 September 2026, 4:56pm');
    expect(call.rows[0]!.otherCells).toContain('21 minutes 12 seconds');
    expect(call.otherColumns.map((c) => c.label)).toContain('Duration');
    expect(call.rows[0]!.otherCells).toContain('Inbound');
  });

  it('falls back to the day a record was added when its own date is not held', () => {
    const log = groupOf('contact-log');
    expect(log.dateLabel).toBe('Added');
    expect(log.rows[0]!.date).toBe('24 November 2026');
  });

  it('writes the details in words', () => {
    expect(view.profile).toContainEqual({ label: 'Date of birth', value: '24 December 1978' });
  });
});
