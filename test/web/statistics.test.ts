/**
 * The equality statistics page: staff whose roles count equality answers (the demo DPO holds the
 * analyst role too) see tables of counts with small numbers suppressed; others are refused; bad
 * input is shown again naming the field, with nothing counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSummary, signInStaff, tenants, webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
}, 240_000);
afterAll(async () => f?.close());

const counted = async () =>
  Number(
    (
      await f.store.db.query<{ n: number }>(
        "select count(*)::int as n from audit_events where action = 'stats.count'",
      )
    )[0]!.n,
  );

describe('GET /staff/statistics', () => {
  it('shows the form, then tables of counts with no one’s answers, and audits who was counted', async () => {
    const dpo = await signInStaff(f, 'dpo');
    const form = await dpo.get('/staff/statistics');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="by" type="checkbox" value="ethnicGroup"');
    expect(form.body).not.toContain('id="results"');
    const before = await counted();
    const page = await dpo.get('/staff/statistics?by=ethnicGroup&by=disability&k=10');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<caption class="govuk-table__caption govuk-table__caption--m">Ethnic group');
    expect(page.body).toContain('Disability');
    expect(page.body).toContain('fewer than 10');
    expect(page.body).toMatch(/\d+ left out/);
    for (const t of tenants()) expect(page.body).not.toContain(t.id);
    expect(await counted()).toBeGreaterThan(before);
  });

  it('refuses staff whose roles do not count equality answers', async () => {
    const officer = await signInStaff(f, 'housing.north');
    const res = await officer.get('/staff/statistics?by=ethnicGroup');
    expect(res.statusCode).toBe(403);
  });

  it('shows bad input again naming the field, counting no one', async () => {
    const dpo = await signInStaff(f, 'dpo');
    const before = await counted();
    const badK = await dpo.get('/staff/statistics?by=ethnicGroup&k=1');
    expect(badK.statusCode).toBe(400);
    expect(errorSummary(badK.body)).toEqual([
      'Enter the smallest count shown (k) as a whole number from 2 to 100',
    ]);
    expect(badK.body).toContain('href="#k"');
    const badField = await dpo.get('/staff/statistics?by=shoeSize&k=10');
    expect(badField.statusCode).toBe(400);
    expect(errorSummary(badField.body)[0]).toContain('&quot;shoeSize&quot; is not a question');
    const none = await dpo.get('/staff/statistics?k=10');
    expect(none.statusCode).toBe(400);
    expect(await counted()).toBe(before);
  });
});
