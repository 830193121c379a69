/**
 * The record of processing reads the breach register: a breach logged on the register's own
 * form, affecting one data category, shows as "Yes" (with its reference and a link to its page)
 * on the activities that process that category, on the page and in the CSV, and on no others.
 * A near miss is not counted.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breachReference } from '../../src/breaches/index.ts';
import { ROPA_COLUMNS } from '../../src/notice/ropa/index.ts';
import { consentWebFixture } from './consent-fixture.ts';
import { signInStaff, type Agent, type WebFixture } from './helpers.ts';

let f: WebFixture;
let dpo: Agent;
beforeAll(async () => {
  f = await consentWebFixture();
  dpo = await signInStaff(f, 'dpo');
});
afterAll(async () => f?.close());

// In the fixture's manifest only asb, cctv and subject-access process "images".
const WITH_IMAGES = ['asb', 'cctv', 'subject-access'];
const breach = {
  kind: 'breach',
  types: 'confidentiality',
  summary: 'Camera footage was shared with the wrong contractor.',
  awareAt: '2026-11-23T08:00',
  categories: 'images',
};
const nearMiss = { ...breach, kind: 'near-miss', summary: 'A web form almost went to the wrong inbox.' };

async function log(form: Record<string, string>): Promise<string> {
  const res = await dpo.post('/staff/breaches/new', form);
  expect(res.statusCode).toBe(303);
  return String(res.headers.location).split('/').pop()!;
}

/** The text of one activity's full table on the page. */
function activitySection(page: string, id: string): string {
  const start = page.indexOf(`id="activity-${id}"`);
  expect(start, id).toBeGreaterThan(0);
  const end = page.indexOf('</table>', start);
  return page.slice(start, end);
}

describe('the record of processing with a breach in the register', () => {
  let id: string;
  beforeAll(async () => {
    id = await log(breach);
    await log({ ...nearMiss, categories: 'online' });
  });

  it('says Yes, with the reference and a link, on the activities holding the category only', async () => {
    const page = await dpo.get('/staff/record-of-processing');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('a breach counts against every activity that processes one of those');
    expect(page.body).not.toContain('does not read the');
    const manifest = f.store.manifests.values().next().value!;
    for (const activity of manifest.activities) {
      const section = activitySection(page.body, activity.id);
      if (WITH_IMAGES.includes(activity.id)) {
        expect(section, activity.id).toContain(`Yes: 1 (${breachReference(id)})`);
        expect(section, activity.id).toContain(`/staff/breaches/${id}`);
      } else {
        expect(section, activity.id).toContain('No breach recorded');
        expect(section, activity.id).not.toContain('Yes: ');
      }
    }
  });

  it('carries the same into the CSV download', async () => {
    const csv = await dpo.get('/staff/record-of-processing/download?format=csv');
    const records = parse(csv.body, { bom: true, relax_column_count: true }) as string[][];
    const header = records.findIndex((r) => r[0] === ROPA_COLUMNS[0]);
    const occurred = ROPA_COLUMNS.indexOf('Has a personal data breach occurred?');
    const link = ROPA_COLUMNS.indexOf('Link to record of personal data breach');
    const manifest = f.store.manifests.values().next().value!;
    const rows = records.slice(header + 1);
    expect(rows).toHaveLength(manifest.activities.length);
    manifest.activities.forEach((activity, i) => {
      const row = rows[i]!;
      if (WITH_IMAGES.includes(activity.id)) {
        expect(row[occurred], activity.id).toBe(`Yes: 1 (${breachReference(id)})`);
        expect(row[link], activity.id).toBe(`http://localhost:3000/staff/breaches/${id}`);
      } else {
        expect(row[occurred], activity.id).toBe('No breach recorded');
        expect(row[link], activity.id).toBe('');
      }
    });
  });
});
