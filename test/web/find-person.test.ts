/**
 * Finding a person on the staff find page by any identifier the store keeps a lookup token for:
 * family name with postcode, NI number, phone, email, as well as customer reference. Every lookup
 * is gated (a housing officer finds no one outside their patch) and audited; a family name alone
 * is refused as too broad, and malformed details are named before anything is searched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED } from '../../src/app/demo-web.ts';
import { generateChunk } from '../../src/demo/generate.ts';
import { whoAccessed } from '../../src/audit/queries.ts';
import { InputError } from '../../src/records/errors.ts';
import { findPeopleByAll } from '../../src/records/find-people.ts';
import type { BatchPerson } from '../../src/records/batch-types.ts';
import { Agent, errorSummary, HOUSEHOLDS, signInStaff, webFixture, type WebFixture } from './helpers.ts';
import { controllerOf, northTenants } from './rights-actions-helpers.ts';

let f: WebFixture;
let officer: Agent;
let dpo: Agent;
let north: Set<string>;

/** Everyone the demo seeded, with the synthetic details it gave them (the same seed, the same people). */
const seeded = (): BatchPerson[] =>
  generateChunk({ households: HOUSEHOLDS, seed: DEMO_SEED }, 0).batches.flatMap((b) => b.batch.people ?? []);

const text = (p: BatchPerson, field: string) => p.profile[field] as string | undefined;

/** A tenant with a family name, postcode and an NI number no one else has. */
function tenantWhere(where: (id: string) => boolean): BatchPerson {
  const people = seeded();
  const nis = people.map((p) => text(p, 'niNumber'));
  const found = people.find(
    (p) =>
      p.id &&
      where(p.id) &&
      p.subjectTypes.includes('tenant') &&
      text(p, 'familyName') &&
      text(p, 'postcode') &&
      text(p, 'niNumber') &&
      nis.filter((n) => n === text(p, 'niNumber')).length === 1,
  );
  if (!found) throw new Error('the demo has no tenant to search for');
  return found;
}

const find = (agent: Agent, fields: Record<string, string>) =>
  agent.post('/staff/people', { purpose: 'tenancy-management', ...fields });

beforeAll(async () => {
  f = await webFixture();
  officer = await signInStaff(f, 'housing.north');
  dpo = await signInStaff(f, 'dpo');
  north = new Set(await northTenants(f.store));
}, 240_000);
afterAll(async () => f?.close());

describe('finding a person by more than a customer reference', () => {
  it('finds a household by family name and postcode, and audits both lookups', async () => {
    const tenant = tenantWhere((id) => north.has(id));
    const res = await find(officer, {
      // Typed as people type them: lower case, a postcode without its space.
      familyName: ` ${text(tenant, 'familyName')!.toLowerCase()} `,
      postcode: text(tenant, 'postcode')!.replace(' ', '').toLowerCase(),
    });
    // The demo's north household shares the tenant's name and address: each member is offered.
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('More than one person matches');
    expect(res.body).toContain(`/staff/people/${tenant.id}?purpose=tenancy-management`);
    const finds = (await whoAccessed(f.store.db, tenant.id!, 50)).filter((a) => a.action === 'person.find');
    const fields = finds.map((a) => a.fields.join(','));
    expect(fields).toContain('lookup:family-name');
    expect(fields).toContain('lookup:postcode');
    expect(finds.every((a) => a.outcome === 'allowed' && a.purpose === 'tenancy-management')).toBe(true);
  });

  it('narrows a family name and postcode with another detail to the one person', async () => {
    const tenant = tenantWhere((id) => north.has(id));
    const res = await find(officer, {
      familyName: text(tenant, 'familyName')!,
      postcode: text(tenant, 'postcode')!,
      niNumber: text(tenant, 'niNumber')!,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/staff/people/${tenant.id}?purpose=tenancy-management`);
  });

  it('finds a tenant by NI number, written with spaces', async () => {
    const tenant = tenantWhere((id) => north.has(id));
    const ni = text(tenant, 'niNumber')!.replace(/^(..)(..)(..)(..)(.)$/, '$1 $2 $3 $4 $5');
    const res = await find(officer, { niNumber: ni.toLowerCase() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/staff/people/${tenant.id}?purpose=tenancy-management`);
    const finds = (await whoAccessed(f.store.db, tenant.id!, 50)).filter((a) => a.action === 'person.find');
    expect(finds.map((a) => a.fields.join(','))).toContain('lookup:ni-number');
  });

  it('finds no one who matches only some of the details', async () => {
    const tenant = tenantWhere((id) => north.has(id));
    const res = await find(officer, {
      familyName: text(tenant, 'familyName')!,
      postcode: 'BV9 9ZZ',
    });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(['No one you may see for this reason matches all these details']);
    expect(res.body).toContain('href="#familyName"');
  });

  it('keeps a housing officer to their patch: a tenant elsewhere is not found, and the refusal is audited', async () => {
    const elsewhere = tenantWhere((id) => !north.has(id));
    const ni = text(elsewhere, 'niNumber')!;
    const refused = await find(officer, { niNumber: ni });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([
      'No one you may see for this reason matches all these details',
    ]);
    expect(refused.body).not.toContain(elsewhere.id);
    const denied = (await whoAccessed(f.store.db, elsewhere.id!, 50)).filter(
      (a) => a.action === 'person.find' && a.outcome === 'denied',
    );
    expect(denied.length).toBeGreaterThan(0);
    // The DPO, with a purpose covering everyone, finds the same person by the same number.
    const found = await dpo.post('/staff/people', { niNumber: ni, purpose: 'subject-access' });
    expect(found.statusCode).toBe(303);
    expect(found.headers.location).toBe(`/staff/people/${elsewhere.id}?purpose=subject-access`);
  });

  it('still finds by customer reference as before', async () => {
    const tenant = tenantWhere((id) => north.has(id));
    const res = await find(officer, { customerRef: text(tenant, 'customerRef')! });
    expect(res.statusCode).toBe(303);
    const none = await find(officer, { customerRef: 'ZZ-NOBODY' });
    expect(errorSummary(none.body)).toEqual([
      'No one you may see for this reason has that customer reference',
    ]);
  });
});

describe('searches refused before anything is looked up', () => {
  /** How many find events the audit log holds: a refused search must add none. */
  const findEvents = async () =>
    Number(
      (
        await f.store.db.query<{ n: number }>(
          `select count(*)::int as n from audit_events where action = 'person.find'`,
        )
      )[0]!.n,
    );

  it('refuses a family name alone, naming the field', async () => {
    const before = await findEvents();
    const res = await find(officer, { familyName: 'Testperson' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(['Add a postcode or another detail']);
    expect(res.body).toContain('href="#familyName"');
    expect(await findEvents()).toBe(before);
  });

  it('names a malformed postcode, NI number, phone number and email address, all at once', async () => {
    const before = await findEvents();
    const res = await find(officer, {
      familyName: 'Testperson',
      postcode: 'not a code',
      niNumber: '12345',
      phone: '12',
      email: 'nobody-at-example',
    });
    expect(res.statusCode).toBe(400);
    const summary = errorSummary(res.body);
    expect(summary).toHaveLength(4);
    expect(summary[0]).toMatch(/^National Insurance number is not a National Insurance number/);
    expect(summary[1]).toMatch(/^Postcode is not a UK postcode/);
    expect(summary[2]).toMatch(/^Phone is not a UK phone number/);
    expect(summary[3]).toMatch(/^Email is not an email address/);
    for (const field of ['niNumber', 'postcode', 'phone', 'email'])
      expect(res.body).toContain(`href="#${field}"`);
    // What was typed is shown again in the form, never placed in a link.
    expect(res.body).toContain('value="not a code"');
    expect(await findEvents()).toBe(before);
  });

  it('asks for at least one detail, and for the reason, when neither is given', async () => {
    const before = await findEvents();
    const res = await officer.post('/staff/people', { customerRef: ' ', familyName: '' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'Enter a customer reference, National Insurance number, family name and postcode, phone number or email address',
      'Select why you need to find this person',
    ]);
    expect(res.body).toContain('href="#customerRef"');
    expect(await findEvents()).toBe(before);
  });

  it('the records module refuses a too-broad search itself, naming the field', async () => {
    const call = {
      actor: { id: 'test-setup', kind: 'system' as const, controllerId: controllerOf(f.store), roles: [] },
      purpose: 'subject-access',
      channel: 'system' as const,
    };
    const search = (criteria: Parameters<typeof findPeopleByAll>[3]) =>
      findPeopleByAll(f.store, call, controllerOf(f.store), criteria);
    await expect(search([{ kind: 'family-name', value: 'Testperson' }])).rejects.toMatchObject(
      new InputError('familyName', 'Add a postcode or another detail'),
    );
    await expect(search([{ kind: 'postcode', value: 'BV1 2AA' }])).rejects.toMatchObject({
      field: 'postcode',
    });
    await expect(search([])).rejects.toBeInstanceOf(InputError);
    await expect(search([{ kind: 'ni-number', value: 'nonsense' }])).rejects.toMatchObject({
      field: 'niNumber',
    });
  });
});

describe('the reasons staff choose from', () => {
  it('use the staff name the manifest gives an activity, while the public notice keeps the residents’ name', async () => {
    const find = await dpo.get('/staff/people');
    expect(find.body).toContain('Data protection rights requests');
    expect(find.body).not.toContain('Answering your data protection rights requests');
    const notice = await new Agent(f.app).get('/privacy');
    expect(notice.body).toContain('Answering your data protection rights requests');
  });
});
