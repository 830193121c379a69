/**
 * A NUL character (%00) anywhere in what is sent — a staff form, a portal form, a query, the API —
 * is refused with a 400 naming the field, before any route runs: nothing is written, the value is
 * never echoed, and both engines answer alike (PostgreSQL cannot store it; PGlite would). The
 * domain refuses it too, for text that comes another way (the import, the CLI).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSource } from '../../src/import/read-source.ts';
import { InputError } from '../../src/records/errors.ts';
import { checkPayload } from '../../src/records/payload.ts';
import { Agent, signInResident, signInStaff, tenants, webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
let dpo: Agent;
beforeAll(async () => {
  f = await webFixture();
  dpo = await signInStaff(f, 'dpo');
});
afterAll(async () => f?.close());

const NUL = '\u0000';
const count = async (table: string) =>
  Number((await f.store.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n);

/** Counts of every table the requests below could write to, to show that none did. */
const written = async () =>
  Promise.all(
    ['breaches', 'retention_holds', 'rights_representatives', 'records', 'audit_events'].map(count),
  );

function expectRefusedPage(res: { statusCode: number; body: string }, sentence: string) {
  expect(res.statusCode).toBe(400);
  expect(res.body).toContain(sentence);
  expect(res.body).not.toContain(NUL);
}

describe('a NUL character in a form', () => {
  it('is refused on staff forms naming the field, with nothing written', async () => {
    const before = await written();
    const breach = await dpo.post('/staff/breaches/new', {
      kind: 'breach',
      types: 'confidentiality',
      summary: `abc${NUL}def`,
      occurredAt: '2026-11-23T07:00',
      awareAt: '2026-11-23T08:00',
      categories: 'identity',
      coreData: 'yes',
    });
    expectRefusedPage(breach, 'Summary contains a character that cannot be stored');
    const hold = await dpo.post('/staff/retention/holds', {
      target: 'person',
      targetId: tenants()[0]!.id,
      matter: 'disrepair-claim',
      reason: `a${NUL}b`,
      owner: 'Legal team',
      reviewOn: '2027-01-31',
    });
    expectRefusedPage(hold, 'Reason contains a character that cannot be stored');
    const signIn = await new Agent(f.app).post('/staff/sign-in', { username: `dp${NUL}o`, password: 'x' });
    expectRefusedPage(signIn, 'contains a character that cannot be stored');
    expect(await written()).toEqual(before);
  });

  it('is refused on a portal form, not stored and not echoed', async () => {
    const resident = await signInResident(f);
    const before = await written();
    const named = await resident.post('/portal/representatives', {
      name: `A${NUL}B`,
      kind: 'carer',
      scope: 'withdraw-consent',
    });
    expectRefusedPage(named, 'Name contains a character that cannot be stored');
    expect(await written()).toEqual(before);
  });
});

describe('a NUL character in an address or the API', () => {
  it('is refused in a query, as a page and as JSON, before the search runs', async () => {
    const before = await written();
    const page = await dpo.get('/staff/audit?actor=a%00');
    expectRefusedPage(page, 'the actor in it contains a character that cannot be stored');
    expect(page.body).toContain('There is a problem with this address');
    const json = await dpo.request('GET', '/staff/audit?actor=a%00', undefined, {
      accept: 'application/json',
    });
    expect(json.statusCode).toBe(400);
    expect(JSON.parse(json.body).issues).toEqual([
      { field: 'querystring.actor', message: 'contains a character that cannot be stored' },
    ]);
    expect(await written()).toEqual(before);
  });

  it('is refused by the API at any depth, naming the field, with nothing written', async () => {
    const before = await written();
    const res = await f.app.inject({
      method: 'POST',
      url: '/api/records',
      payload: JSON.stringify({
        purpose: 'repairs',
        personId: tenants()[2]!.id,
        recordType: 'repair',
        payload: { description: `Dripping${NUL} tap`, reportedOn: '2026-11-20', priority: 'routine' },
        patch: 'north',
      }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${f.apiKey}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      statusCode: 400,
      issues: [{ field: 'body.payload.description', message: 'contains a character that cannot be stored' }],
    });
    expect(res.body).not.toContain('Dripping');
    expect(await written()).toEqual(before);
  });
});

describe('a NUL character reaching the domain another way (import, CLI)', () => {
  it('is refused by the payload check naming the field, in text, strings and references', async () => {
    const repair = [...f.store.manifests.values()][0]!.recordTypes.find((t) => t.id === 'repair')!;
    const refusal = (payload: unknown) => {
      try {
        checkPayload(repair, payload);
      } catch (error) {
        return error instanceof InputError ? `${error.field}: ${error.reason}` : String(error);
      }
      return 'accepted';
    };
    const good = { description: 'Dripping tap', reportedOn: '2026-11-20', priority: 'routine' };
    expect(refusal(good)).toBe('accepted');
    expect(refusal({ ...good, description: `Dripping${NUL}tap` })).toBe(
      'payload.description: contains a character that cannot be stored',
    );
  });

  it('is reported by the import with its file, line and column, and the row left out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custos-nul-'));
    try {
      const csv = join(dir, 'tenants.csv');
      writeFileSync(csv, `customer_ref,household_ref\nBV1,H1\nBV2,H${NUL}2\n`);
      const read = readSource(csv, { format: 'csv', encoding: 'utf-8' });
      expect(read.rows.map((r) => r.values.customer_ref)).toEqual(['BV1']);
      expect(read.problems).toEqual([
        {
          file: csv,
          line: 3,
          field: 'column "household_ref"',
          reason: 'contains a character that cannot be stored',
        },
      ]);
      const jsonl = join(dir, 'contacts.jsonl');
      writeFileSync(jsonl, `{"ref":"C1","notes":{"text":"a\\u0000b"}}\n`);
      expect(readSource(jsonl, { format: 'jsonl', encoding: 'utf-8' }).problems).toEqual([
        {
          file: jsonl,
          line: 1,
          field: 'field "notes.text"',
          reason: 'contains a character that cannot be stored',
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
