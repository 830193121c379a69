/**
 * The rights pages over inject: a resident makes a subject access request in the portal; staff
 * verify identity, decide every proposed redaction, complete and release; the resident downloads
 * the pack (and no one else can). An erasure request is planned, partly kept with reasons and
 * carried out; the resident reads the answer. Every route answers 401 without a session and 403 to
 * a role without the rights purpose; malformed input is a 400, never a 500.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPerson } from '../../src/records/people.ts';
import type { Call } from '../../src/records/store.ts';
import { recordDecision } from '../../src/rights/automated/index.ts';
import { createVerifiedResident } from '../../src/web/auth/resident-accounts.ts';
import {
  Agent,
  csrfFrom,
  errorSummary,
  signInResident,
  signInStaff,
  tenants,
  webFixture,
  type WebFixture,
} from './helpers.ts';
import { addKnownThirdParty, OWN_WORDS, type ThirdParty } from './rights-helpers.ts';

let f: WebFixture;
let dpo: Agent;
let resident: Agent;
let neighbour: ThirdParty;
beforeAll(async () => {
  f = await webFixture();
  neighbour = await addKnownThirdParty(f.store);
  dpo = await signInStaff(f, 'dpo');
  resident = await signInResident(f);
});
afterAll(async () => f?.close());

const systemCall = (): Call => ({
  actor: { id: 'test', kind: 'system', controllerId: [...f.store.manifests.keys()][0]!, roles: [] },
  purpose: 'subject-access',
  channel: 'system',
});

/** A second resident with an account of their own. */
async function otherResident(): Promise<Agent> {
  const email = 'other.resident@example.invalid';
  const password = 'another-long-password';
  await createVerifiedResident(
    f.store.db,
    f.store.keys,
    { controllerId: [...f.store.manifests.keys()][0]!, personId: tenants()[5]!.id, email, password },
    f.clock.now,
  );
  const agent = new Agent(f.app);
  expect((await agent.post('/portal/sign-in', { email, password })).statusCode).toBe(303);
  return agent;
}

const idFrom = (location: unknown) => /\/portal\/requests\/([0-9a-f-]{36})$/.exec(String(location))![1]!;

async function residentRequest(right: string): Promise<string> {
  const res = await resident.post('/portal/requests/new', { right, wording: 'Everything you hold, please.' });
  expect(res.statusCode).toBe(303);
  return idFrom(res.headers.location);
}

describe('a subject access request from the portal to the download', () => {
  it('is made, reviewed, released and downloaded by the resident alone', async () => {
    const id = await residentRequest('access');
    const track = await resident.get(`/portal/requests/${id}`);
    expect(track.statusCode).toBe(200);
    expect(track.body).toContain('We will reply by');

    const page = `/staff/requests/${id}`;
    const review = `${page}/review`;
    expect((await dpo.get(page)).statusCode).toBe(200);
    const noReasons = await dpo.post(`${page}/status`, { to: 'refused', reasonCode: 'manifestly-excessive' });
    expect(noReasons.statusCode).toBe(400);
    expect(errorSummary(noReasons.body)).toEqual(['Enter the reasons, as the person will be told them']);
    expect((await dpo.post(`${page}/status`, { to: 'in-progress' })).statusCode).toBe(303);
    expect((await dpo.post(`${review}/start`, {}, { from: review })).statusCode).toBe(303);

    // Identity, checked in the review against the details held: a wrong name is refused on the form.
    const held = (await readPerson(f.store, systemCall(), tenants()[0]!.id)).profile;
    const identity = {
      method: 'portal-account',
      givenName: String(held.givenName),
      familyName: 'Nobody',
      dateOfBirth: String(held.dateOfBirth),
    };
    const wrong = await dpo.post(`${review}/identity`, identity, { from: review });
    expect(wrong.statusCode).toBe(400);
    expect(errorSummary(wrong.body)).toEqual(['Does not match the details held for this person']);
    const right = { ...identity, familyName: String(held.familyName) };
    expect((await dpo.post(`${review}/identity`, right, { from: review })).statusCode).toBe(303);

    let body = (await dpo.get(review)).body;
    const pending = [...body.matchAll(/review\/redactions\/(\d+)/g)].map((m) => m[1]!);
    expect(pending.length).toBeGreaterThan(0);
    expect(body).toMatch(new RegExp(`<mark[^>]*>${neighbour.name}</mark>`));
    const early = await dpo.post(`${review}/complete`, {}, { from: review });
    expect(early.statusCode).toBe(400);
    expect(errorSummary(early.body).join()).toMatch(/still to be accepted or rejected/);
    for (const n of new Set(pending))
      expect(
        (await dpo.post(`${review}/redactions/${n}`, { decision: 'accepted' }, { from: review })).statusCode,
      ).toBe(303);

    // A redaction added by quoting the words, and an item withheld under an exemption with reasons.
    const add = { recordId: neighbour.recordId, field: 'summary', reason: 'third-party' };
    const absent = await dpo.post(`${review}/add`, { ...add, text: 'words not there' }, { from: review });
    expect(absent.statusCode).toBe(400);
    expect(errorSummary(absent.body)).toEqual(['Those words are not in this text: copy them exactly']);
    expect(
      (await dpo.post(`${review}/add`, { ...add, text: 'about noise' }, { from: review })).statusCode,
    ).toBe(303);
    const withheld = [...body.matchAll(/name="itemId" value="([0-9a-f-]{36})"/g)]
      .map((m) => m[1]!)
      .find((x) => x !== neighbour.recordId)!;
    const exempt = { kind: 'record', itemId: withheld, exemption: 'legal-professional-privilege' };
    const noNote = await dpo.post(`${review}/exempt`, exempt, { from: review });
    expect(noNote.statusCode).toBe(400);
    expect(errorSummary(noNote.body)).toEqual(['Enter why the exemption applies to this item']);
    expect(
      (
        await dpo.post(
          `${review}/exempt`,
          { ...exempt, note: 'Advice from our solicitor.' },
          { from: review },
        )
      ).statusCode,
    ).toBe(303);

    expect((await dpo.post(`${review}/complete`, {}, { from: review })).statusCode).toBe(303);
    expect((await dpo.post(`${review}/release`, {}, { from: review })).statusCode).toBe(303);
    body = (await dpo.get(review)).body;
    expect(body).toContain('Pack released');
    expect((await dpo.get(page)).body).toContain('Completed');

    const raw = await resident.get(`/portal/requests/${id}/pack.zip`);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array((raw as unknown as { rawPayload: Buffer }).rawPayload));
    const text = Object.values(files)
      .map((b) => strFromU8(b))
      .join('\n');
    expect(text).toContain(OWN_WORDS);
    expect(text).not.toContain(neighbour.name);
    expect(text).not.toContain(neighbour.phone);
    expect(text).not.toContain('about noise');
    expect(text).not.toContain(withheld);
    const [audited] = await f.store.db.query<{ n: number }>(
      "select count(*)::int as n from audit_events where action = 'sar.download' and person_id = $1",
      [tenants()[0]!.id],
    );
    expect(audited!.n).toBe(1);

    // Released under another version of what packs are made from: the resident is told the pack
    // came from an earlier version of the system, never that their information changed.
    const version = (v: number) =>
      f.store.db.query(
        "update sar_reviews set release_made_from_version = $2 where request_id = $1 and status = 'released'",
        [id, v],
      );
    await version(0);
    const earlier = await resident.get(`/portal/requests/${id}/pack.zip`);
    expect(earlier.statusCode).toBe(409);
    expect(earlier.body).toContain('made by an earlier version of our system');
    expect(earlier.body).not.toContain('has changed');
    await version(1);

    // Answered: no date to reply by; the pack hides words, so the page says so.
    const answered = (await resident.get(`/portal/requests/${id}`)).body;
    expect(answered).not.toContain('We will reply by');
    expect(answered).not.toContain('Not counting');
    expect(answered).toContain('id="hidden-words"');

    // Only that resident: staff have no portal session, another resident does not see the request.
    expect((await dpo.get(`/portal/requests/${id}/pack.zip`)).statusCode).toBe(401);
    const other = await otherResident();
    expect((await other.get(`/portal/requests/${id}`)).statusCode).toBe(404);
    expect((await other.get(`/portal/requests/${id}/pack.zip`)).statusCode).toBe(404);
  });
});

describe('a subject access pack with nothing hidden', () => {
  it('does not tell the resident that words about other people are hidden', async () => {
    const id = await residentRequest('access');
    const page = `/staff/requests/${id}`;
    const review = `${page}/review`;
    expect((await dpo.post(`${page}/status`, { to: 'in-progress' })).statusCode).toBe(303);
    expect((await dpo.post(`${review}/start`, {}, { from: review })).statusCode).toBe(303);
    const held = (await readPerson(f.store, systemCall(), tenants()[0]!.id)).profile;
    const identity = {
      method: 'portal-account',
      givenName: String(held.givenName),
      familyName: String(held.familyName),
      dateOfBirth: String(held.dateOfBirth),
    };
    expect((await dpo.post(`${review}/identity`, identity, { from: review })).statusCode).toBe(303);
    const body = (await dpo.get(review)).body;
    for (const n of new Set([...body.matchAll(/review\/redactions\/(\d+)/g)].map((m) => m[1]!)))
      expect(
        (await dpo.post(`${review}/redactions/${n}`, { decision: 'rejected' }, { from: review })).statusCode,
      ).toBe(303);
    expect((await dpo.post(`${review}/complete`, {}, { from: review })).statusCode).toBe(303);
    expect((await dpo.post(`${review}/release`, {}, { from: review })).statusCode).toBe(303);
    const shown = (await resident.get(`/portal/requests/${id}`)).body;
    expect(shown).toContain('id="download-pack"');
    expect(shown).not.toContain('words about other people are hidden');
    expect(shown).not.toContain('We will reply by');
  });
});

describe('an erasure request partly refused', () => {
  it('is planned, a record kept with the reason, carried out, and the answer shown to the resident', async () => {
    const id = await residentRequest('erasure');
    const page = `/staff/requests/${id}`;
    await dpo.post(`${page}/status`, { to: 'in-progress' });
    expect((await dpo.post(`${page}/erasure/plan`, {}, { from: `${page}/erasure` })).statusCode).toBe(303);
    const plan = await dpo.get(`${page}/erasure`);
    expect(plan.statusCode).toBe(200);
    const missing = await dpo.post(
      `${page}/erasure/items`,
      { n: '1', decision: 'keep:legal-claims', note: '' },
      { from: `${page}/erasure` },
    );
    expect(missing.statusCode).toBe(400);
    expect(errorSummary(missing.body)).toContain('Enter your reasons for changing the proposal');
    expect(plan.body).toContain('Organisations to tell');
    const keptBefore = (plan.body.match(/govuk-tag--blue">Keep/g) ?? []).length;
    expect(keptBefore).toBeGreaterThan(0);
    const changed = await dpo.post(
      `${page}/erasure/items`,
      {
        n: '1',
        decision: 'erase:no-longer-necessary',
        explanation: '',
        note: 'The call was a one-off enquiry.',
      },
      { from: `${page}/erasure` },
    );
    expect(changed.statusCode).toBe(303);
    expect((await dpo.get(`${page}/erasure`)).body).toContain('changed by a caseworker');
    expect((await dpo.post(`${page}/erasure/execute`, {}, { from: `${page}/erasure` })).statusCode).toBe(303);
    const done = await dpo.get(`${page}/erasure`);
    expect(done.body).toContain('We have deleted:');

    const answer = await resident.get(`/portal/requests/${id}`);
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('We are keeping:');
    expect(answer.body).toContain('We have deleted:');
    expect(answer.body).toContain('We still need it to carry out our agreement with you');
  });
});

describe('automated decisions in the portal', () => {
  it('are explained to the resident, who can ask for a person to review one', async () => {
    const empty = await resident.get('/portal/decisions');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('We have not made any decisions about you by automated means');
    const manifest = [...f.store.manifests.values()][0]!;
    manifest.activities.find((a) => a.id === 'lettings')!.automatedDecisions = [
      {
        id: 'housing-register-banding',
        name: 'Housing register banding',
        logic: 'Points for overcrowding, medical need and time on the register set the band, A to D.',
        significance: 'Your band decides the order in which you are offered homes.',
        humanReview: 'Ask us through the resident portal within 21 days of the decision.',
        profiling: false,
      },
    ];
    const decisionId = await recordDecision(
      f.store,
      { ...systemCall(), purpose: 'lettings' },
      {
        personId: tenants()[0]!.id,
        activityId: 'lettings',
        decision: 'housing-register-banding',
        logicVersion: '2026.2',
        inputs: { householdSize: 4, overcrowded: true },
        outcome: { value: 'B', summary: 'Band B' },
      },
    );
    const shown = await resident.get('/portal/decisions');
    expect(shown.body).toContain('Housing register banding');
    expect(shown.body).toContain('Band B');
    const url = `/portal/decisions/${decisionId}/review`;
    const ask = await resident.post(url, { why: 'We are overcrowded.' }, { from: '/portal/decisions' });
    expect(ask.statusCode).toBe(303);
    expect((await resident.get('/portal/decisions')).body).toContain(
      'You have asked for a person to look at this again',
    );
    const twice = await resident.post(
      url,
      {},
      { csrf: csrfFrom((await resident.get('/portal/requests/new')).body) },
    );
    expect(twice.statusCode).toBe(400);
    expect(errorSummary(twice.body).join()).toMatch(/already under way/);
    expect(
      (await resident.post('/portal/decisions/nope/review', {}, { from: '/portal/requests/new' })).statusCode,
    ).toBe(400);
    expect((await new Agent(f.app).get('/portal/decisions')).statusCode).toBe(401);
  });
});

describe('portability in the portal', () => {
  it('gives the resident their data as JSON and as CSV files in a zip', async () => {
    expect((await resident.get('/portal/portability')).statusCode).toBe(200);
    const json = await resident.get('/portal/portability/your-data.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(() => JSON.parse(json.body) as unknown).not.toThrow();
    const zip = await resident.get('/portal/portability/your-data.zip');
    expect(zip.statusCode).toBe(200);
    const names = Object.keys(
      unzipSync(new Uint8Array((zip as unknown as { rawPayload: Buffer }).rawPayload)),
    );
    expect(names.some((n) => n.endsWith('.csv'))).toBe(true);
  });
});

describe('who may use the rights pages', () => {
  const someId = '00000000-0000-4000-8000-000000000000';
  const base = `/staff/requests/${someId}`;
  const staffGets = [base, `${base}/review`, `${base}/erasure`, `${base}/pack.zip`];
  const staffPosts: [string, Record<string, string>][] = [
    [`${base}/status`, { to: 'in-progress' }],
    [`${base}/review/start`, {}],
    [`${base}/review/redactions/1`, { decision: 'accepted' }],
    [`${base}/review/add`, { recordId: someId, field: 'summary', text: 'x', reason: 'third-party' }],
    [`${base}/review/exempt`, { kind: 'record', itemId: someId, exemption: '' }],
    [`${base}/review/identity`, { method: 'in-person', givenName: 'A', familyName: 'B' }],
    [`${base}/review/complete`, {}],
    [`${base}/review/reopen`, {}],
    [`${base}/review/release`, {}],
    [`${base}/erasure/plan`, {}],
    [`${base}/erasure/items`, { n: '1', decision: 'keep:legal-claims', note: 'x' }],
    [`${base}/erasure/execute`, {}],
  ];
  const portalGets = [
    '/portal/requests',
    '/portal/requests/new',
    '/portal/portability',
    '/portal/portability/your-data.json',
    `/portal/requests/${someId}`,
    `/portal/requests/${someId}/pack.zip`,
  ];

  it('answers 401 without a session and 403 to a role without the subject-access purpose', async () => {
    const anon = new Agent(f.app);
    const officer = await signInStaff(f, 'housing.north');
    const contractor = await signInStaff(f, 'contractor-acme');
    const csrf = csrfFrom((await officer.get('/staff/people')).body);
    const contractorCsrf = csrfFrom((await contractor.get('/staff')).body);
    for (const url of staffGets) {
      expect((await anon.get(url)).statusCode, url).toBe(401);
      expect((await resident.get(url)).statusCode, url).toBe(401);
      expect((await officer.get(url)).statusCode, url).toBe(403);
      expect((await contractor.get(url)).statusCode, url).toBe(403);
    }
    for (const [url, fields] of staffPosts) {
      expect((await anon.post(url, fields, { csrf: null })).statusCode, url).toBe(401);
      expect((await officer.post(url, fields, { csrf })).statusCode, url).toBe(403);
      expect((await contractor.post(url, fields, { csrf: contractorCsrf })).statusCode, url).toBe(403);
    }
    for (const url of portalGets) expect((await anon.get(url)).statusCode, url).toBe(401);
    expect((await anon.post('/portal/requests/new', { right: 'access' }, { csrf: null })).statusCode).toBe(
      401,
    );
    expect((await officer.get('/portal/requests')).statusCode).toBe(401);
  });

  it('answers 400 to malformed input, never 500', async () => {
    const csrf = csrfFrom((await dpo.get('/staff/people')).body);
    expect((await dpo.get('/staff/requests/not-a-uuid')).statusCode).toBe(400);
    expect((await dpo.get('/staff/requests/not-a-uuid/review')).statusCode).toBe(400);
    expect((await resident.get('/portal/requests/not-a-uuid')).statusCode).toBe(400);
    expect((await resident.get('/portal/requests/not-a-uuid/pack.zip')).statusCode).toBe(400);
    const bad = await resident.post(
      '/portal/requests/new',
      { right: 'everything' },
      { from: '/portal/requests/new' },
    );
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Select what you want us to do']);
    expect((await resident.get('/portal/portability/your-data.exe')).statusCode).toBe(400);
    expect((await resident.get(`/portal/requests/${someId}`)).statusCode).toBe(404);
    // An access request, to post nonsense at.
    const id = await residentRequest('access');
    const page = `/staff/requests/${id}`;
    for (const [url, fields] of [
      [`${page}/status`, { to: 'sideways' }],
      [`${page}/review/redactions/abc`, { decision: 'accepted' }],
      [`${page}/review/redactions/1`, { decision: 'maybe' }],
      [`${page}/review/add`, { recordId: 'x', field: '', text: '', reason: 'whim' }],
      [`${page}/review/exempt`, { kind: 'thing', itemId: 'x', exemption: 'none' }],
      [`${page}/review/identity`, { method: 'guess' }],
      [`/staff/requests/${await residentRequest('erasure')}/erasure/items`, { n: 'one', decision: 'burn' }],
    ] as const) {
      const res = await dpo.post(url, fields, { csrf });
      expect(res.statusCode, url).toBe(400);
    }
    // Moves the status machine does not allow, and steps out of order, are refused on the page.
    const illegal = await dpo.post(`${page}/status`, { to: 'closed' }, { csrf });
    expect(illegal.statusCode).toBe(400);
    expect(errorSummary(illegal.body).join()).toMatch(
      /cannot move from &quot;received&quot; to &quot;closed&quot;/,
    );
    const noReview = await dpo.post(`${page}/review/complete`, {}, { csrf });
    expect(noReview.statusCode).toBe(400);
    expect(errorSummary(noReview.body)).toEqual(['Start the review first']);
    const notErasure = await dpo.get(`${page}/erasure`);
    expect(notErasure.statusCode).toBe(404);
    const missingCsrf = await dpo.post(`${page}/status`, { to: 'in-progress' }, { csrf: null });
    expect(missingCsrf.statusCode).toBe(403);
  });
});
