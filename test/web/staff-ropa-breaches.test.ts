/**
 * The record of processing reads the breach register: a breach logged on the register's own
 * form, affecting one data category, shows as "Yes" (with its reference and a link to its page)
 * on the activities that process that category, on the page and in the CSV, and on no others.
 * A near miss is not counted. A breach may instead name the activities it affected (ticked on the
 * form; an unknown one refused, naming the field, with nothing written), shown on its page and
 * counted against those only. Each read of the register by staff (the list, a breach's page, the
 * record of processing) is in the audit log as theirs.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breachReference } from '../../src/breaches/index.ts';
import { ROPA_COLUMNS } from '../../src/notice/ropa/index.ts';
import { consentWebFixture } from './consent-fixture.ts';
import { csrfFrom, errorSummary, signInStaff, type Agent, type WebFixture } from './helpers.ts';

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
    expect(page.body).toContain(
      'one that names none counts against every activity that processes one of the data categories',
    );
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

/** Post the new-breach form with the activities ticked (one value each, as checkboxes send them). */
async function logWith(activities: string[]) {
  const form = new URLSearchParams({ ...breach, summary: 'Repair photos went to the wrong portal.' });
  form.set('_csrf', csrfFrom((await dpo.get('/staff/breaches/new')).body));
  for (const a of activities) form.append('activities', a);
  return dpo.request('POST', '/staff/breaches/new', form.toString(), {
    'content-type': 'application/x-www-form-urlencoded',
  });
}

const breachCount = async () =>
  (await f.store.db.query<{ n: number }>('select count(*)::int as n from breaches'))[0]!.n;
const lastRead = async (action: string) =>
  (
    await f.store.db.query<{ actor: string; channel: string; purpose: string; record_ids: string[] }>(
      `select actor, channel, purpose, record_ids::text[] as record_ids from audit_events
        where action = $1 order by seq desc limit 1`,
      [action],
    )
  )[0];

describe('a breach that names the activities it affected', () => {
  const NAMED = ['cctv', 'website'];
  let id: string;

  it('offers every activity to tick, and refuses one the manifest does not declare', async () => {
    const form = await dpo.get('/staff/breaches/new');
    expect(form.body).toContain('Processing activities affected (optional)');
    expect(form.body).toContain('name="activities" type="checkbox" value="cctv"');
    const before = await breachCount();
    const bad = await logWith(['cctv', 'gardening']);
    expect(bad.statusCode).toBe(400);
    // The summary is HTML: the quotes around the value come escaped.
    expect(errorSummary(bad.body)).toEqual([
      'Activities: &quot;gardening&quot; is not a processing activity the manifest declares',
    ]);
    expect(bad.body).toMatch(/value="cctv" checked/);
    expect(await breachCount()).toBe(before);
  });

  it('logs the ticked activities, shows them on its page, and audits the page as read', async () => {
    const res = await logWith(NAMED);
    expect(res.statusCode).toBe(303);
    id = String(res.headers.location).split('/').pop()!;
    const page = await dpo.get(`/staff/breaches/${id}`);
    expect(page.body).toContain('Processing activities affected');
    const manifest = f.store.manifests.values().next().value!;
    for (const a of manifest.activities.filter((x) => NAMED.includes(x.id)))
      expect(page.body).toContain(`<li>${a.staffName ?? a.name}</li>`);
    expect(await lastRead('breach.read')).toMatchObject({ actor: 'dpo', channel: 'web', record_ids: [id] });
  });

  it('counts on the record of processing against those activities only, not by category', async () => {
    const page = await dpo.get('/staff/record-of-processing');
    expect(page.statusCode).toBe(200);
    const manifest = f.store.manifests.values().next().value!;
    for (const activity of manifest.activities) {
      const section = activitySection(page.body, activity.id);
      if (NAMED.includes(activity.id)) expect(section, activity.id).toContain(breachReference(id));
      else expect(section, activity.id).not.toContain(breachReference(id));
    }
    const read = await lastRead('breach.ropa');
    expect(read).toMatchObject({ actor: 'dpo', channel: 'web' });
    expect(read?.record_ids).toContain(id);
    expect(read?.purpose).toBeTruthy();
  });

  it('audits the register list as the member of staff’s read', async () => {
    expect((await dpo.get('/staff/breaches')).statusCode).toBe(200);
    const read = await lastRead('breach.list');
    expect(read).toMatchObject({ actor: 'dpo', channel: 'web' });
    expect(read?.record_ids).toContain(id);
  });
});
