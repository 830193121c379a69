/**
 * The retention pages for the DPO over a real demo store: the plan by rule, a sweep from the page
 * with its certificate (on the page, HTML and PDF), legal holds placed with their details and
 * released, bad input shown again naming the field with nothing written, controller events, the
 * review queue, and the dashboard panel. Other staff are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listHolds } from '../../src/retention/index.ts';
import { Agent, errorSummary, signInStaff, tenants, webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
let dpo: Agent;
beforeAll(async () => {
  f = await webFixture();
  dpo = await signInStaff(f, 'dpo');
});
afterAll(async () => f?.close());

describe('retention pages', () => {
  it('shows what is due by rule, and the dashboard panel to the DPO only', async () => {
    const page = await dpo.get('/staff/retention');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Due by rule');
    expect(page.body).toContain('Start a sweep');
    // Each rule's clock in words, never its ISO 8601 period.
    expect(page.body).toContain('6 years after the tenancy ends');
    expect(page.body).not.toMatch(/\+ P\d|\bP\d+[YMWD]\b/);
    expect((await dpo.get('/staff')).body).toContain('Retention due');
    const officer = await signInStaff(f, 'housing.north');
    expect((await officer.get('/staff')).body).not.toContain('Retention due');
    for (const url of [
      '/staff/retention',
      '/staff/retention/holds',
      '/staff/retention/runs',
      '/staff/retention/reviews',
    ])
      expect((await officer.get(url)).statusCode).toBe(403);
    expect((await new Agent(f.app).get('/staff/retention')).statusCode).toBe(401);
  });

  it('runs a sweep from the page and shows its certificate, also as HTML and PDF', async () => {
    const run = await dpo.post('/staff/retention/run', {}, { from: '/staff/retention' });
    expect(run.statusCode).toBe(303);
    const location = String(run.headers.location);
    expect(location).toMatch(/^\/staff\/retention\/runs\/[0-9a-f-]{36}$/);
    const cert = await dpo.get(location);
    expect(cert.statusCode).toBe(200);
    expect(cert.body).toContain('Retention sweep: certificate');
    expect(cert.body).toContain('Started by');
    expect(cert.body).toContain('dpo');
    const html = await dpo.get(`${location}/certificate?format=html`);
    expect(html.headers['content-disposition']).toMatch(
      /attachment; filename="retention-certificate-.*\.html"/,
    );
    expect(html.body).toContain('Disposed of in all');
    const pdf = await dpo.get(`${location}/certificate?format=pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.body.slice(0, 5)).toBe('%PDF-');
    expect((await dpo.get(`${location}/certificate?format=doc`)).statusCode).toBe(400);
    expect((await dpo.get('/staff/retention/runs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
    const log = await dpo.get('/staff/retention/runs');
    expect(log.body).toContain('Retention sweep');
    expect(log.body).toContain(location);
  });

  it('places a legal hold with its details, refuses bad input naming the field, and releases it', async () => {
    const bad = await dpo.post('/staff/retention/holds', {
      target: 'person',
      targetId: '',
      matter: 'disrepair-claim',
      reason: 'Claim DC-1',
      owner: 'Legal team',
      reviewOn: '2027-01-31',
    });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Enter the id of what the hold is on']);
    const unknown = await dpo.post('/staff/retention/holds', {
      target: 'person',
      targetId: '00000000-0000-4000-8000-000000000000',
      matter: 'disrepair-claim',
      reason: 'Claim DC-1',
      owner: 'Legal team',
      reviewOn: '2027-01-31',
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorSummary(unknown.body)[0]).toContain('There is no person with this id');
    const badDay = await dpo.post('/staff/retention/holds', {
      target: 'person',
      targetId: tenants()[0]!.id,
      matter: 'disrepair-claim',
      reason: 'Claim DC-1',
      owner: 'Legal team',
      reviewOn: '31/01/2027',
    });
    expect(errorSummary(badDay.body)).toEqual(['Review on must be a date written YYYY-MM-DD']);
    expect(await listHolds(f.store.db, 'brookvale-homes')).toHaveLength(0);

    const placed = await dpo.post('/staff/retention/holds', {
      target: 'person',
      targetId: tenants()[0]!.id,
      matter: 'disrepair-claim',
      reason: 'Claim DC-1',
      owner: 'Legal team',
      reviewOn: '2027-01-31',
    });
    expect(placed.statusCode).toBe(303);
    const holds = await listHolds(f.store.db, 'brookvale-homes');
    expect(holds).toHaveLength(1);
    expect(holds[0]).toMatchObject({
      owner: 'Legal team',
      reason: 'Claim DC-1',
      reviewOn: '2027-01-31',
      placedBy: 'dpo',
    });
    const list = await dpo.get('/staff/retention/holds');
    expect(list.body).toContain('Claim DC-1');
    const id = holds[0]!.id;
    const noReason = await dpo.post(
      `/staff/retention/holds/${id}/release`,
      { reason: ' ' },
      { from: '/staff/retention/holds' },
    );
    expect(noReason.statusCode).toBe(400);
    expect(errorSummary(noReason.body)).toEqual(['Enter why the hold is released']);
    const released = await dpo.post(
      `/staff/retention/holds/${id}/release`,
      { reason: 'Claim settled' },
      { from: '/staff/retention/holds' },
    );
    expect(released.statusCode).toBe(303);
    expect(await listHolds(f.store.db, 'brookvale-homes')).toHaveLength(0);
    const again = await dpo.post(
      `/staff/retention/holds/${id}/release`,
      { reason: 'Again' },
      { from: '/staff/retention/holds' },
    );
    expect(errorSummary(again.body)).toEqual(['This hold is no longer in force']);
  });

  it('takes controller events only as the manifest declares them', async () => {
    const page = await dpo.get('/staff/retention/events');
    expect(page.statusCode).toBe(200);
    const res = await dpo.post(
      '/staff/retention/events',
      { eventId: 'pandemic-over', occurredOn: '2026-01-01' },
      { from: '/staff/retention/holds' },
    );
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)[0]).toMatch(/pandemic-over&quot; is not an event the manifest declares/);
  });

  it('shows the review queue and refuses a decision on a record that is not waiting', async () => {
    const page = await dpo.get('/staff/retention/reviews');
    expect(page.statusCode).toBe(200);
    const res = await dpo.post(
      '/staff/retention/reviews/00000000-0000-4000-8000-000000000000',
      { decision: 'keep', keepUntil: '2030-01-01' },
      { from: '/staff/retention/reviews' },
    );
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual(['Is not waiting for review']);
    const badId = await dpo.post(
      '/staff/retention/reviews/not-an-id',
      { decision: 'dispose' },
      { from: '/staff/retention/reviews' },
    );
    expect(badId.statusCode).toBe(400);
  });
});
