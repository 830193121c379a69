/**
 * Answering a subject access request made by email, with no portal account, from the staff pages:
 * the review says before its release button that the work must be started first (and a release
 * tried anyway is refused in plain words); the redaction form makes the exemption a choice; a
 * decided redaction offers only the action that changes it; the identity checked in the review
 * shows on the request page; a late release says how late; and staff download the released pack
 * to send it, refused with a plain page before release and once the information has changed.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPerson } from '../../src/records/people.ts';
import type { Call } from '../../src/records/store.ts';
import { correct } from '../../src/rights/rectification/index.ts';
import { createRequest } from '../../src/rights/requests/index.ts';
import { Agent, errorSummary, signInStaff, tenants, webFixture, type WebFixture } from './helpers.ts';
import { addKnownThirdParty, OWN_WORDS, type ThirdParty } from './rights-helpers.ts';

let f: WebFixture;
let dpo: Agent;
let neighbour: ThirdParty;
let requestId: string;
beforeAll(async () => {
  f = await webFixture();
  neighbour = await addKnownThirdParty(f.store);
  dpo = await signInStaff(f, 'dpo');
  // Received by email on 1 September 2026: due 1 October; the fixture's today is 23 November.
  ({ id: requestId } = await createRequest(f.store, desk(), {
    controllerId: controllerId(),
    personId: tenants()[0]!.id,
    right: 'access',
    channel: 'email',
    receivedOn: '2026-09-01',
  }));
}, 240_000);
afterAll(async () => f?.close());

const controllerId = () => [...f.store.manifests.keys()][0]!;
const desk = (): Call => ({
  actor: { id: 'test-desk', kind: 'system', controllerId: controllerId(), roles: [] },
  purpose: 'subject-access',
  channel: 'system',
});

/** The redaction forms on the review page: number, current decision, and the buttons offered. */
function redactionForms(html: string) {
  return [...html.matchAll(/review\/redactions\/(\d+)"[^>]*data-decision="(\w+)">([\s\S]*?)<\/form>/g)].map(
    (m) => ({
      n: m[1]!,
      decision: m[2]!,
      buttons: [...m[3]!.matchAll(/name="decision" value="(\w+)"/g)].map((b) => b[1]!),
    }),
  );
}

const bytesOf = (res: unknown) => new Uint8Array((res as { rawPayload: Buffer }).rawPayload);

describe('an access request made by email, answered from the staff pages', () => {
  const page = () => `/staff/requests/${requestId}`;
  const review = () => `${page()}/review`;

  it('has no pack to download before release: a plain page saying why', async () => {
    const res = await dpo.get(`${page()}/pack.zip`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('This request has no released pack to download');
  });

  it('offers only the decision that changes a redaction, and shows the current one', async () => {
    expect((await dpo.post(`${review()}/start`, {}, { from: review() })).statusCode).toBe(303);
    const pending = redactionForms((await dpo.get(review())).body);
    expect(pending.length).toBeGreaterThan(1);
    for (const r of pending)
      expect(r).toMatchObject({ decision: 'pending', buttons: ['accepted', 'rejected'] });
    for (const r of pending)
      expect(
        (await dpo.post(`${review()}/redactions/${r.n}`, { decision: 'accepted' }, { from: review() }))
          .statusCode,
      ).toBe(303);
    const first = pending[0]!.n;
    expect(
      (await dpo.post(`${review()}/redactions/${first}`, { decision: 'rejected' }, { from: review() }))
        .statusCode,
    ).toBe(303);
    const decided = redactionForms((await dpo.get(review())).body);
    for (const r of decided)
      expect(r).toMatchObject(
        r.n === first
          ? { decision: 'rejected', buttons: ['accepted'] }
          : { decision: 'accepted', buttons: ['rejected'] },
      );
    expect(
      (await dpo.post(`${review()}/redactions/${first}`, { decision: 'accepted' }, { from: review() }))
        .statusCode,
    ).toBe(303);
  });

  it('shows the values as the pack’s cover will, in words, and the free text as held', async () => {
    const body = (await dpo.get(review())).body;
    const item = new RegExp(`id="item-${neighbour.recordId}">([^<]*)</h3>([\\s\\S]*?)</dl>`).exec(body)!;
    // Dated by when the call happened (a day before the fixture's today), in UK time.
    expect(item[1]).toBe('Contact log, 22 November 2026');
    const values = [...item[2]!.matchAll(/<dd class="govuk-summary-list__value">([\s\S]*?)<\/dd>/g)].map(
      (m) => m[1]!.replace(/<[^>]+>/g, ''),
    );
    expect(values).toContain('Phone');
    expect(values).toContain('22 November 2026, 10:00am');
    expect(values.join(' ')).toContain(OWN_WORDS);
    expect(values.join(' ')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('makes the exemption for an added redaction a choice, with an error summary without one', async () => {
    const body = (await dpo.get(review())).body;
    const select = new RegExp(
      `<select[^>]*id="${neighbour.recordId}-summary-reason"[^>]*>(.*?)</select>`,
    ).exec(body)![1]!;
    expect(select).toMatch(/^<option value="">Choose the exemption<\/option>/);
    expect(select).not.toContain('selected');
    const add = { recordId: neighbour.recordId, field: 'summary', text: 'about noise' };
    const none = await dpo.post(`${review()}/add`, { ...add, reason: '' }, { from: review() });
    expect(none.statusCode).toBe(400);
    expect(errorSummary(none.body)).toEqual(['Choose the exemption that applies to these words']);
    expect(none.body).toContain(`href="#${neighbour.recordId}-summary-reason"`);
    expect(none.body).toContain('value="about noise"');
    const [{ n } = { n: -1 }] = await f.store.db.query<{ n: number }>(
      'select count(*)::int as n from sar_review_redactions',
    );
    expect(
      (await dpo.post(`${review()}/add`, { ...add, reason: 'third-party' }, { from: review() })).statusCode,
    ).toBe(303);
    const [after] = await f.store.db.query<{ n: number }>(
      'select count(*)::int as n from sar_review_redactions',
    );
    expect(after!.n).toBe(n + 1);
  });

  it('shows the identity checked in the review on the request page', async () => {
    expect((await dpo.get(page())).body).toMatch(/Identity\s*<\/dt>\s*<dd[^>]*>\s*Not recorded/);
    const held = (await readPerson(f.store, desk(), tenants()[0]!.id)).profile;
    const identity = {
      method: 'id-document',
      givenName: String(held.givenName),
      familyName: String(held.familyName),
      dateOfBirth: String(held.dateOfBirth),
    };
    expect((await dpo.post(`${review()}/identity`, identity, { from: review() })).statusCode).toBe(303);
    const body = (await dpo.get(page())).body;
    expect(body).toMatch(/Checked in the review on 23 November 2026 \(ID document\)/i);
    expect(body).not.toContain(String(held.dateOfBirth));
  });

  it('says before the release button that the work must be started, and refuses in plain words', async () => {
    expect((await dpo.post(`${review()}/complete`, {}, { from: review() })).statusCode).toBe(303);
    const body = (await dpo.get(review())).body;
    const warning = body.indexOf('id="start-first"');
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(body.indexOf('id="release"'));
    expect(body).toContain('The work on this request has not been started yet');
    expect(body).toContain(`href="/staff/requests/${requestId}#move-in-progress"`);
    expect((await dpo.get(page())).body).toContain('id="move-in-progress"');
    const early = await dpo.post(`${review()}/release`, {}, { from: review() });
    expect(early.statusCode).toBe(400);
    const [message] = errorSummary(early.body);
    expect(message).toMatch(/^The work on this request has not been started yet: start the work/);
    expect(message).not.toMatch(/received|in-progress|extended/);
  });

  it('is released late, says by how much, and the pack is downloaded by staff to send', async () => {
    expect((await dpo.post(`${page()}/status`, { to: 'in-progress' })).statusCode).toBe(303);
    const body = (await dpo.get(review())).body;
    expect(body).not.toContain('id="start-first"');
    expect((await dpo.post(`${review()}/release`, {}, { from: review() })).statusCode).toBe(303);

    // Due 1 October 2026 (a Thursday), released 23 November: 53 calendar days late.
    const request = (await dpo.get(page())).body;
    expect(request.match(/Released 53 days after the deadline/g)).toHaveLength(2);
    expect(request).toContain(`href="/staff/requests/${requestId}/pack.zip"`);
    expect(request).toContain('Download the pack to send it by post or email');

    const raw = await dpo.get(`${page()}/pack.zip`);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('application/zip');
    expect(raw.headers['content-disposition']).toBe(
      'attachment; filename="subject-access-pack-2026-11-23.zip"',
    );
    const text = Object.values(unzipSync(bytesOf(raw)))
      .map((b) => strFromU8(b))
      .join('\n');
    expect(text).toContain(OWN_WORDS);
    expect(text).not.toContain(neighbour.name);
    expect(text).not.toContain('about noise');
    const [audited] = await f.store.db.query<{ n: number }>(
      "select count(*)::int as n from audit_events where action = 'sar.download' and outcome = 'allowed' and person_id = $1",
      [tenants()[0]!.id],
    );
    expect(audited!.n).toBe(1);
  });

  it('is refused to other staff, and with a plain page once the information has changed', async () => {
    const officer = await signInStaff(f, 'housing.north');
    expect((await officer.get(`${page()}/pack.zip`)).statusCode).toBe(403);
    expect((await new Agent(f.app).get(`${page()}/pack.zip`)).statusCode).toBe(401);
    expect((await dpo.get('/staff/requests/not-a-uuid/pack.zip')).statusCode).toBe(400);
    await correct(f.store, desk(), {
      personId: tenants()[0]!.id,
      field: 'phone',
      value: '07700 900999',
      reason: 'New number given by phone',
    });
    const changed = await dpo.get(`${page()}/pack.zip`);
    expect(changed.statusCode).toBe(409);
    expect(changed.headers['content-type']).toMatch(/^text\/html/);
    expect(changed.body).toContain('cannot be given again as released');
    expect(changed.body).not.toContain('07700');
  });

  it('says a pack released before Custos kept packs, that cannot be rebuilt, was made by an earlier version', async () => {
    // Released before Custos kept the zip: only its digest was recorded, and the rebuild differs.
    await f.store.db.query(
      `update sar_reviews set release_zip = null, release_made_from = null, release_made_from_version = null
        where request_id = $1 and status = 'released'`,
      [requestId],
    );
    const earlier = await dpo.get(`${page()}/pack.zip`);
    expect(earlier.statusCode).toBe(409);
    expect(earlier.body).toContain('This pack was made by an earlier version of Custos');
    expect(earlier.body).toContain('release a new pack');
    expect(earlier.body).not.toMatch(/has changed|corrected, disposed of/);
  });
});
