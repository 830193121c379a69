/**
 * The person's file for the DPO: legal holds placed from the file (on the person, or on a record
 * shown) with nothing typed but the matter, reason, owner and review date; the holds list naming
 * the person by customer reference and name with a link to the file; the file warning of a hold in
 * force; and "who accessed this file" listing staff accesses and refusals, the person's own use
 * counted in one line, never a raw actor id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listHolds } from '../../src/retention/index.ts';
import {
  Agent,
  errorSummary,
  signInResident,
  signInStaff,
  tenants,
  webFixture,
  type WebFixture,
} from './helpers.ts';

let f: WebFixture;
let dpo: Agent;
let officer: Agent;
const tenant = () => tenants()[0]!;
const fileUrl = () => `/staff/people/${tenant().id}?purpose=subject-access`;
const hidden = (html: string, name: string) =>
  new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1];
const details = { matter: 'disrepair-claim', owner: 'Legal team', reviewOn: '2027-01-31' };

beforeAll(async () => {
  f = await webFixture();
  dpo = await signInStaff(f, 'dpo');
  officer = await signInStaff(f, 'housing.north');
});
afterAll(async () => f?.close());

describe('placing a legal hold from the person’s file', () => {
  it('offers the DPO a hold on the person and on each record shown; other staff see neither', async () => {
    const file = await dpo.get(fileUrl());
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain(
      `href="/staff/retention/holds?target=person&amp;targetId=${tenant().id}#place"`,
    );
    expect(file.body).toMatch(
      /href="\/staff\/retention\/holds\?target=record&amp;targetId=[0-9a-f-]{36}#place"/,
    );
    const theirs = await officer.get(`/staff/people/${tenant().id}?purpose=tenancy-management`);
    expect(theirs.body).not.toContain('/staff/retention/holds');
    expect(theirs.body).not.toContain('A hold is in force');
  });

  it('places a hold on the person with the target given by the link, named, never typed', async () => {
    const form = await dpo.get(`/staff/retention/holds?target=person&targetId=${tenant().id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`The hold will be on: <strong>Person: ${tenant().customerRef} – `);
    expect(hidden(form.body, 'targetId')).toBe(tenant().id);
    const placed = await dpo.post(
      '/staff/retention/holds',
      { target: 'person', targetId: tenant().id, reason: 'Claim DC-7', ...details },
      { from: '/staff/retention/holds' },
    );
    expect(placed.statusCode).toBe(303);
    const list = await dpo.get('/staff/retention/holds');
    expect(list.body).toContain(`>Person: ${tenant().customerRef} – `);
    expect(list.body).toContain(`href="/staff/people/${tenant().id}?purpose=subject-access"`);
    const file = await dpo.get(fileUrl());
    expect(file.body).toContain('A hold is in force: Claim DC-7, review by 31 January 2027');
  });

  it('places a hold on a record from its link, and the file names it too', async () => {
    const file = await dpo.get(fileUrl());
    const recordId = /target=record&amp;targetId=([0-9a-f-]{36})#place/.exec(file.body)![1]!;
    const form = await dpo.get(`/staff/retention/holds?target=record&targetId=${recordId}`);
    expect(form.body).toMatch(/The hold will be on: <strong>[^<]+ record on the file of /);
    const placed = await dpo.post(
      '/staff/retention/holds',
      { target: 'record', targetId: recordId, reason: 'Ombudsman case OC-3', ...details },
      { from: '/staff/retention/holds' },
    );
    expect(placed.statusCode).toBe(303);
    expect((await dpo.get(fileUrl())).body).toContain('A hold is in force: Ombudsman case OC-3');
  });

  it('keeps the id field for pasting, and refuses a review date that is not in the future', async () => {
    const form = await dpo.get('/staff/retention/holds');
    expect(form.body).toContain('Place a hold by its id (advanced)');
    expect(form.body).toContain('id="targetId"');
    const before = (await listHolds(f.store.db, 'brookvale-homes')).length;
    const past = await dpo.post(
      '/staff/retention/holds',
      { target: 'person', targetId: tenant().id, reason: 'Claim DC-8', ...details, reviewOn: '2020-01-01' },
      { from: '/staff/retention/holds' },
    );
    expect(past.statusCode).toBe(400);
    expect(errorSummary(past.body)).toEqual(['Review on must be in the future']);
    expect(await listHolds(f.store.db, 'brookvale-homes')).toHaveLength(before);
  });

  it('answers 404 for releasing a hold that never existed', async () => {
    const res = await dpo.post(
      '/staff/retention/holds/00000000-0000-4000-8000-000000000000/release',
      { reason: 'Done' },
      { from: '/staff/retention/holds' },
    );
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('There is no hold with this reference');
  });
});

describe('who accessed this file', () => {
  it('lists staff accesses and refusals, and counts the person’s own use in one line', async () => {
    const resident = await signInResident(f);
    for (let i = 0; i < 3; i++) expect((await resident.get('/portal/your-information')).statusCode).toBe(200);
    await officer.get(`/staff/people/${tenant().id}?purpose=tenancy-management`);
    const file = await dpo.get(fileUrl());
    const panel = file.body.slice(file.body.indexOf('id="who-accessed"'));
    expect(panel).toMatch(/The person viewed their own information \d+ times, last on /);
    expect(panel).toContain('housing.north (staff, web)');
    expect(panel).not.toContain('(subject, portal)');
    expect(panel).not.toMatch(/(resident|portal):[0-9a-f-]{36}/);
  });
});
