/**
 * Background people for the benchmarks: synthetic tenants with fifty contact logs each on the
 * north patch, written a thousand people at a time through the batch path (gated, encrypted,
 * audited), as an import would write them.
 */
import { randomUUID } from 'node:crypto';
import { writeBatch, type BatchRecord } from '../src/records/batch.ts';
import type { Call, Store } from '../src/records/store.ts';

export const RECORDS_PER_PERSON = 50;
const PEOPLE_PER_BATCH = 1000;

/** Add `count` contact-log records (rounded up to whole people); returns the people added. */
export async function fillContactLogs(
  store: Store,
  call: Call,
  controllerId: string,
  count: number,
): Promise<string[]> {
  const added: string[] = [];
  const started = performance.now();
  for (let done = 0; done < count; done += PEOPLE_PER_BATCH * RECORDS_PER_PERSON) {
    const size = Math.min(PEOPLE_PER_BATCH, Math.ceil((count - done) / RECORDS_PER_PERSON));
    const people = Array.from({ length: size }, (_, i) => ({
      id: randomUUID(),
      subjectTypes: ['tenant'],
      profile: {
        givenName: 'Bench',
        familyName: `Person${done / RECORDS_PER_PERSON + i}`,
        phone: '07700 900000',
        postcode: 'BV1 2ZZ',
      },
    }));
    const records: BatchRecord[] = people.flatMap((p) =>
      Array.from({ length: RECORDS_PER_PERSON }, (_, k) => ({
        personId: p.id,
        recordType: 'contact-log',
        payload: {
          channel: 'phone',
          summary: `Call ${k} about the rent account and a repair`,
          occurredAt: '2026-01-01T09:00:00Z',
        },
        patch: 'north',
      })),
    );
    await writeBatch(store, call, { controllerId, people, records });
    added.push(...people.map((p) => p.id));
    process.stderr.write(
      `\r  filling: ${(added.length * RECORDS_PER_PERSON).toLocaleString('en-GB')} records`,
    );
  }
  process.stderr.write(` in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  return added;
}
