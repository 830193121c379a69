/**
 * The staff rights action pages over HTTP against a real database (issue 7): a correction read back
 * through the gate with the organisations to tell; an objection that the gate then enforces, then
 * overridden with grounds, and one to direct marketing withdrawn; a restriction that the gate
 * enforces (and that a correction not answering a request cannot pass), then lifted; a human
 * review completed and shown in the explanation. Bad input is a 400 naming the field with nothing
 * written; a role without the rights purpose gets 403.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from '../../src/web/app.ts';
import { Agent, errorSummary, signInStaff, webFixture, type WebFixture } from './helpers.ts';
import { askForReview, bandingDecision, northTenants, requestAbout } from './rights-actions-helpers.ts';

let f: WebFixture;
let dpo: Agent;
let officer: Agent;
let person: string;
beforeAll(async () => {
  f = await webFixture();
  dpo = await signInStaff(f, 'dpo');
  officer = await signInStaff(f, 'housing.north');
  person = (await northTenants(f.store))[0]!;
}, 240_000);
afterAll(async () => f?.close());

const count = async (table: string, where = 'person_id = $1') =>
  (
    await f.store.db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, [person])
  )[0]!.n;
/** The housing officer opening the person's file for a purpose: 200, or 403 when the gate refuses. */
const officerReads = async (purpose: string) =>
  (await officer.get(`/staff/people/${person}?purpose=${purpose}`)).statusCode;

describe('rectification', () => {
  it('corrects a field for a request, lists who to tell, and the gate reads the new value back', async () => {
    const requestId = await requestAbout(f.store, person, 'rectification');
    const page = `/staff/requests/${requestId}/rectify`;
    expect((await dpo.get(`/staff/requests/${requestId}`)).body).toContain(`href="${page}"`);
    const form = await dpo.get(page);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="person/person/phone"');
    expect(form.body).toContain('No corrections have been made.');

    const before = await count('rectifications');
    const noReason = await dpo.post(page, { target: 'person/person/phone', value: '07700 900123' });
    expect(noReason.statusCode).toBe(400);
    expect(errorSummary(noReason.body)).toEqual(['Enter why the value held was wrong']);
    const noTarget = await dpo.post(page, { value: '07700 900123', reason: 'New number' });
    expect(noTarget.statusCode).toBe(400);
    expect(errorSummary(noTarget.body)).toEqual(['Choose what to correct']);
    const badDate = await dpo.post(page, {
      target: 'person/person/dateOfBirth',
      value: '31/12/1980',
      reason: 'Typed wrongly',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('href="#value"');
    expect(errorSummary(badDate.body)).toEqual(['Must be a real date written YYYY-MM-DD']);
    const notAField = await dpo.post(page, { target: 'person/person/shoeSize', value: '9', reason: 'x' });
    expect(notAField.statusCode).toBe(400);
    expect(errorSummary(notAField.body).join()).toMatch(/not a field of Personal details/);
    expect(await count('rectifications')).toBe(before);

    const done = await dpo.post(page, {
      target: 'person/person/phone',
      value: '07700 900123',
      reason: 'The tenant told us their number changed.',
    });
    // Post/redirect/get: the page after names the correction by its id, never by a value.
    expect(done.statusCode).toBe(303);
    const after = String(done.headers.location);
    expect(after).toMatch(new RegExp(`^${page}\\?done=[0-9a-f-]{36}$`));
    expect(after).not.toContain('07700');
    expect(await count('rectifications')).toBe(before + 1);
    const shown = await dpo.get(after);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('The correction is saved: Their own details: Phone.');
    expect(shown.body).toMatch(/<ul class="govuk-list govuk-list--bullet" id="recipients"><li>/);
    // A refresh shows the page again and corrects nothing more; the plain page has no panel.
    expect((await dpo.get(after)).statusCode).toBe(200);
    expect(await count('rectifications')).toBe(before + 1);
    expect((await dpo.get(page)).body).not.toContain('The correction is saved');

    const file = await dpo.get(`/staff/people/${person}?purpose=subject-access`);
    expect(file.body).toContain('07700 900123');
    // Staff-facing words for any activity's name, even one written for residents ("your …").
    expect(file.body).toMatch(/id="purpose-limit">You are seeing only what is needed for: [^<]+\./);
    expect(file.body).not.toMatch(/seeing only what answering/i);
    const history = (await dpo.get(page)).body;
    expect(history).toContain('Their own details: Phone');
    expect(history).toContain('The tenant told us their number changed.');
    expect(history).toContain('(for a request)');
  });

  it('answers a save once: no second reply is logged, and a done id of another kind shows no panel', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildWebApp(f.store, { logger: { level: 'debug', stream } });
    await app.ready();
    const staff = await signInStaff({ ...f, app }, 'dpo');
    const page = `/staff/people/${person}/rights/rectify`;
    const saved = await staff.post(page, {
      target: 'person/person/phone',
      value: '07700 900456',
      reason: 'The tenant rang with a new number.',
    });
    expect(saved.statusCode).toBe(303);
    const shown = await staff.get(String(saved.headers.location));
    expect(shown.body).toContain('id="recipients"');
    expect((await staff.get(`${page}?done=00000000-0000-4000-8000-000000000000`)).body).not.toContain(
      'id="recipients"',
    );
    expect((await staff.get(`${page}?done=not-an-id`)).statusCode).toBe(400);
    await app.close();
    const text = lines.join('');
    expect(text).toContain('"statusCode":303');
    expect(text).not.toContain('FST_ERR_REP_ALREADY_SENT');
    expect(text).not.toMatch(/already sent/i);
  });
});

describe('objection', () => {
  it('is enforced by the gate once recorded, and stops being once overridden with grounds', async () => {
    const requestId = await requestAbout(f.store, person, 'objection');
    const page = `/staff/requests/${requestId}/objections`;
    expect((await dpo.get(`/staff/requests/${requestId}`)).body).toContain(`href="${page}"`);
    expect((await dpo.get(page)).body).toContain('id="none-in-force"');
    expect(await officerReads('asb')).toBe(200);

    const before = await count('objections');
    const none = await dpo.post(page, { note: 'Stop' });
    expect(none.statusCode).toBe(400);
    expect(errorSummary(none.body)).toEqual(['Choose what the person objects to']);
    const contract = await dpo.post(page, { activity: 'tenancy-management' });
    expect(contract.statusCode).toBe(400);
    expect(errorSummary(contract.body).join()).toMatch(/right to object \(Art\. 21\) does not apply/);
    expect(await count('objections')).toBe(before);

    const made = await dpo.post(page, { activity: 'asb', note: 'I object to the ASB case use.' });
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toBe(page);
    expect(await officerReads('asb')).toBe(403);
    expect(await officerReads('tenancy-management')).toBe(200);

    const listed = (await dpo.get(page)).body;
    const id = /objections\/([0-9a-f-]{36})\/override/.exec(listed)![1]!;
    const noGrounds = await dpo.post(`${page}/${id}/override`, { code: 'legal-claims' }, { from: page });
    expect(noGrounds.statusCode).toBe(400);
    expect(errorSummary(noGrounds.body)).toEqual(['Enter the grounds, as the person will be told them']);
    expect(noGrounds.body).toContain(`href="#override-${id}-grounds"`);
    expect(await officerReads('asb')).toBe(403);

    const overridden = await dpo.post(
      `${page}/${id}/override`,
      { code: 'compelling-legitimate-grounds', grounds: 'Protecting neighbours from serious harassment.' },
      { from: page },
    );
    expect(overridden.statusCode).toBe(303);
    expect(await officerReads('asb')).toBe(200);
    expect((await dpo.get(page)).body).toContain('Protecting neighbours from serious harassment.');
  });

  it('to all direct marketing cannot be overridden, and is withdrawn when the person says so', async () => {
    const page = `/staff/people/${person}/rights/objections`;
    expect((await dpo.post(page, { activity: 'all-direct-marketing' })).statusCode).toBe(303);
    const listed = (await dpo.get(page)).body;
    const id = /objections\/([0-9a-f-]{36})\/withdraw/.exec(listed)![1]!;
    expect(listed).not.toContain(`objections/${id}/override`);
    const forced = await dpo.post(
      `${page}/${id}/override`,
      { code: 'legal-claims', grounds: 'We want to.' },
      { from: page },
    );
    expect(forced.statusCode).toBe(400);
    expect(errorSummary(forced.body).join()).toMatch(/absolute/);
    const withdrawn = await dpo.post(
      `${page}/${id}/withdraw`,
      { note: 'Happy to hear again.' },
      { from: page },
    );
    expect(withdrawn.statusCode).toBe(303);
    const after = (await dpo.get(page)).body;
    expect(after).toContain('id="none-in-force"');
    expect(after).toMatch(/All direct marketing[\s\S]*Withdrawn/);
  });
});

describe('restriction', () => {
  it('is enforced once applied with its ground, blocks other corrections, and lifts with a reason', async () => {
    const page = `/staff/people/${person}/rights/restriction`;
    expect((await dpo.get(page)).body).toContain('not restricted');

    const noGround = await dpo.post(`${page}/apply`, { reason: 'Accuracy disputed.' }, { from: page });
    expect(noGround.statusCode).toBe(400);
    expect(errorSummary(noGround.body)).toEqual(['Choose why processing is restricted']);
    const badGround = await dpo.post(`${page}/apply`, { ground: 'whim', reason: 'x' }, { from: page });
    expect(badGround.statusCode).toBe(400);
    expect(await officerReads('tenancy-management')).toBe(200);

    const applied = await dpo.post(
      `${page}/apply`,
      { ground: 'accuracy-contested', reason: 'The tenant disputes the rent account.' },
      { from: page },
    );
    expect(applied.statusCode).toBe(303);
    expect((await dpo.get(page)).body).toMatch(/id="restriction-status">restricted</);
    expect(await officerReads('tenancy-management')).toBe(403);

    // A correction that answers no request is refused by the gate while restricted…
    const refused = await dpo.post(
      `/staff/people/${person}/rights/rectify`,
      { target: 'person/person/title', value: 'Mx', reason: 'Preferred title.' },
      { from: `/staff/people/${person}/rights/restriction` },
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toMatch(/restricted \(Art\. 18\)/);
    // …one answering a rectification request goes ahead: settling the accuracy is what it waits for.
    const requestId = await requestAbout(f.store, person, 'rectification');
    const rectify = `/staff/requests/${requestId}/rectify`;
    expect((await dpo.get(rectify)).body).toContain('id="restricted"');
    const allowed = await dpo.post(rectify, {
      target: 'person/person/title',
      value: 'Mx',
      reason: 'Preferred title.',
    });
    expect(allowed.statusCode).toBe(303);

    const noReason = await dpo.post(`${page}/lift`, { reason: ' ' }, { from: page });
    expect(noReason.statusCode).toBe(400);
    expect(errorSummary(noReason.body)).toEqual([
      'Enter why processing may resume, and when you told the person',
    ]);
    expect(await officerReads('tenancy-management')).toBe(403);
    const lifted = await dpo.post(
      `${page}/lift`,
      { reason: 'Account checked and corrected; told the tenant on the phone today.' },
      { from: page },
    );
    expect(lifted.statusCode).toBe(303);
    expect(await officerReads('tenancy-management')).toBe(200);
  });
});

describe('automated decision review', () => {
  it('is completed by a member of staff and shows in the explanation', async () => {
    const decisionId = await bandingDecision(f.store, person);
    const reviewId = await askForReview(f.store, person, decisionId);
    const requestId = await requestAbout(f.store, person, 'automated-decision');
    const page = `/staff/requests/${requestId}/decisions`;
    expect((await dpo.get(`/staff/requests/${requestId}`)).body).toContain(`href="${page}"`);
    const shown = (await dpo.get(page)).body;
    expect(shown).toContain('Housing register banding');
    expect(shown).toContain('Band B');
    expect(shown).toContain('My doctor’s letter was not taken into account.');

    const post = `${page}/reviews/${reviewId}`;
    const status = `select status from automated_decision_reviews where id = '${reviewId}'`;
    const noOutcome = await dpo.post(post, { result: 'changed', reasons: 'Medical need.' }, { from: page });
    expect(noOutcome.statusCode).toBe(400);
    expect(errorSummary(noOutcome.body)).toEqual(['Enter the new outcome of the decision']);
    expect(noOutcome.body).toContain(`href="#review-${reviewId}-value"`);
    const noResult = await dpo.post(post, { reasons: 'Medical need.' }, { from: page });
    expect(noResult.statusCode).toBe(400);
    expect(errorSummary(noResult.body)).toEqual(['Choose whether you upheld or changed the decision']);
    expect((await f.store.db.query<{ status: string }>(status))[0]!.status).toBe('requested');

    const done = await dpo.post(
      post,
      {
        result: 'changed',
        outcomeValue: 'A',
        outcomeSummary: 'Band A',
        reasons: 'The medical evidence gives a high priority.',
      },
      { from: page },
    );
    expect(done.statusCode).toBe(303);
    const after = (await dpo.get(page)).body;
    expect(after).toContain('changed the decision to: Band A');
    expect(after).toContain('The medical evidence gives a high priority.');
    expect(after).not.toContain(`reviews/${reviewId}"`);
    const again = await dpo.post(
      post,
      { result: 'upheld', reasons: 'Again.' },
      { from: `/staff/requests/${requestId}` },
    );
    expect(again.statusCode).toBe(400);
    expect(errorSummary(again.body).join()).toMatch(/already been completed/);

    // Restriction leaves the person's own request: its page still explains their decisions
    // (Art. 18(2)), while the same page reached without a request is refused.
    const restriction = `/staff/people/${person}/rights/restriction`;
    const applied = await dpo.post(
      `${restriction}/apply`,
      { ground: 'accuracy-contested', reason: 'The tenant disputes the banding.' },
      { from: restriction },
    );
    expect(applied.statusCode).toBe(303);
    expect((await dpo.get(page)).statusCode).toBe(200);
    expect((await dpo.get(`/staff/people/${person}/rights/decisions`)).statusCode).toBe(403);
    const lifted = await dpo.post(
      `${restriction}/lift`,
      { reason: 'Banding checked.' },
      { from: restriction },
    );
    expect(lifted.statusCode).toBe(303);
  });
});

describe('who may act', () => {
  it('refuses a role without the rights purpose (403) on every action page, and says why', async () => {
    const requestId = await requestAbout(f.store, person, 'restriction');
    const id = '00000000-0000-4000-8000-000000000000';
    const bases = [`/staff/requests/${requestId}`, `/staff/people/${person}/rights`];
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await officer.get('/staff/people')).body)![1]!;
    for (const base of bases) {
      for (const p of ['rectify', 'objections', 'restriction', 'decisions']) {
        const res = await officer.get(`${base}/${p}`);
        expect(res.statusCode, `${base}/${p}`).toBe(403);
        expect(res.body).toContain('None of your roles may do this under the privacy manifest.');
      }
      for (const p of [
        'rectify',
        'objections',
        `objections/${id}/override`,
        `objections/${id}/withdraw`,
        'restriction/apply',
        'restriction/lift',
        `decisions/reviews/${id}`,
      ])
        expect(
          (await officer.post(`${base}/${p}`, { reason: 'x' }, { csrf })).statusCode,
          `${base}/${p}`,
        ).toBe(403);
    }
    expect((await officer.get(`/staff/requests/${requestId}`)).statusCode).toBe(403);
    expect((await dpo.get(`/staff/requests/${requestId}`)).body).toContain(
      `href="/staff/requests/${requestId}/restriction"`,
    );
    expect((await dpo.get(`/staff/people/${person}?purpose=subject-access`)).body).toContain(
      `href="/staff/people/${person}/rights/objections"`,
    );
  });

  it('answers 404 for an objection or a review that is not this person’s', async () => {
    const page = `/staff/people/${person}/rights/objections`;
    const other = `/staff/people/${person}/rights/decisions`;
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await dpo.post(`${page}/${id}/withdraw`, {}, { from: page })).statusCode).toBe(404);
    expect(
      (await dpo.post(`${other}/reviews/${id}`, { result: 'upheld', reasons: 'x' }, { from: page }))
        .statusCode,
    ).toBe(404);
  });
});
