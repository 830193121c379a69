/**
 * Ending a representative's authority from the register page, over inject: a reason is required
 * (400 with the GOV.UK error summary, nothing written), CSRF is checked, a success notice follows
 * the redirect, and a request through them is then refused naming the representative.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRepresentative } from '../../src/rights/representatives/index.ts';
import { demoManifest } from '../support/store.ts';
import { Agent, errorSummary, signInStaff, tenants, webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
let dpo: Agent;
let repId: string;
const controllerId = demoManifest().controller.id;

const person = () => tenants()[5]!;
const REPS = () => `/staff/people/${person().id}/representatives`;
const END = () => `${REPS()}/${repId}/end`;
const ended = async () =>
  (
    await f.store.db.query<{ ended_on: string | null }>(
      'select ended_on from rights_representatives where id = $1',
      [repId],
    )
  )[0]!.ended_on;

beforeAll(async () => {
  f = await webFixture();
  dpo = await signInStaff(f, 'dpo');
  repId = await addRepresentative(
    f.store,
    {
      actor: { id: 'custos', kind: 'system', controllerId: controllerId, roles: [] },
      purpose: 'subject-access',
      channel: 'system',
    },
    {
      controllerId: controllerId,
      personId: person().id,
      agent: { name: 'Rowena Testcase', organisation: 'Synthetic Advocacy' },
      kind: 'advocate',
      scope: ['all'],
      evidence: { kind: 'written-authority', reference: 'DOC-555' },
      startsOn: '2026-01-01',
    },
  );
});
afterAll(async () => f?.close());

describe('ending a representative’s authority', () => {
  it('offers a form for each standing authority, with its own reason box', async () => {
    const page = await dpo.get(REPS());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="${END()}"`);
    expect(page.body).toContain(`id="end-reason-${repId}"`);
  });

  it('refuses a missing reason with the error summary, writing nothing', async () => {
    const res = await dpo.post(END(), { reason: '  ' }, { from: REPS() });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(['Enter why their authority has ended']);
    expect(res.body).toContain(`href="#end-reason-${repId}"`);
    expect(res.body).toMatch(/<details class="govuk-details" open>/);
    expect(await ended()).toBeNull();
  });

  it('refuses a post without the CSRF token', async () => {
    const res = await dpo.post(END(), { reason: 'Withdrawn' }, { csrf: null });
    expect(res.statusCode).toBe(403);
    expect(await ended()).toBeNull();
  });

  it('refuses a representative who is not on this person’s register', async () => {
    const other = `/staff/people/${tenants()[6]!.id}/representatives/${repId}/end`;
    const res = await dpo.post(other, { reason: 'Withdrawn' }, { from: REPS() });
    expect(res.statusCode).toBe(404);
    expect(await ended()).toBeNull();
  });

  it('ends it, redirects with a success notice, and shows it ended without the form', async () => {
    const res = await dpo.post(
      END(),
      { reason: 'The tenant withdrew consent for the advocate' },
      { from: REPS() },
    );
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toBe(`${REPS()}?ended=${repId}`);
    expect(await ended()).not.toBeNull();
    const page = await dpo.get(location);
    expect(page.body).toContain('govuk-notification-banner--success');
    expect(page.body).toMatch(/id="ended">The authority of Rowena Testcase, Synthetic Advocacy ended on /);
    expect(page.body).toMatch(/govuk-tag--red">Ended/);
    expect(page.body).toContain('The tenant withdrew consent for the advocate');
    expect(page.body).not.toContain(`action="${END()}"`);
  });

  it('refuses a request through them, naming the representative', async () => {
    const NEW = '/staff/requests/new';
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(f.clock.now);
    const [year, month, day] = today.split('-');
    const res = await dpo.post(
      NEW,
      {
        personId: person().id,
        right: 'access',
        'receivedOn-day': String(Number(day)),
        'receivedOn-month': String(Number(month)),
        'receivedOn-year': year!,
        channel: 'letter',
        wording: 'Please send everything you hold.',
        representativeId: repId,
      },
      { from: `${NEW}?person=${person().id}` },
    );
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)[0]).toMatch(
      /^This representative may not make this request: the authority was ended on /,
    );
    expect(res.body).toContain('href="#representativeId"');
  });
});
