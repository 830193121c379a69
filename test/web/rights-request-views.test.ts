/**
 * Rights requests stay in sight whatever their stage: the list has views for requests on the clock,
 * waiting for the person and closed, and the staff home counts those waiting; the person's file
 * lists their requests for the DPO and not for a housing officer; the request page offers only the
 * moves that fit (no asking a person who asked for themself for a representative's authority), and
 * the erasure page offers to carry out a plan only once the request's status allows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../src/records/store.ts';
import { addRepresentative } from '../../src/rights/representatives/index.ts';
import { createRequest, waitingCount } from '../../src/rights/requests/index.ts';
import { Agent, signInStaff, webFixture, type WebFixture } from './helpers.ts';
import { controllerOf, northTenants, requestAbout } from './rights-actions-helpers.ts';

let f: WebFixture;
let dpo: Agent;
let officer: Agent;
let person: string;
beforeAll(async () => {
  f = await webFixture();
  dpo = await signInStaff(f, 'dpo');
  officer = await signInStaff(f, 'housing.north');
  // A tenant in the north patch, so the housing officer may open their file too.
  person = (await northTenants(f.store))[0]!;
});
afterAll(async () => f?.close());

const setup = (): Call => ({
  actor: { id: 'test-setup', kind: 'system', controllerId: controllerOf(f.store), roles: [] },
  purpose: 'subject-access',
  channel: 'system',
});

/** Move a request on as staff do, on its page. */
async function move(id: string, to: string, fields: Record<string, string> = {}) {
  const page = `/staff/requests/${id}`;
  const res = await dpo.post(`${page}/status`, { to, ...fields }, { from: page });
  expect(res.statusCode, `${to}: ${res.body.slice(0, 200)}`).toBe(303);
}

/** The rows of the table with the given id, each the request id it names. */
function rowsOf(html: string, table: string): string[] {
  const start = html.indexOf(`id="${table}"`);
  if (start < 0) return [];
  const body = html.slice(start, html.indexOf('</table>', start));
  return [...body.matchAll(/data-request="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the views of the rights requests', () => {
  it('lists a paused request under "Waiting for the person" and a finished one under "Closed"', async () => {
    const paused = await requestAbout(f.store, person, 'access');
    await move(paused, 'awaiting-id');
    const clarifying = await requestAbout(f.store, person, 'restriction');
    await move(clarifying, 'awaiting-clarification', { note: 'Which records do you mean?' });
    const finished = await requestAbout(f.store, person, 'objection');
    await move(finished, 'in-progress');
    await move(finished, 'completed');
    const running = await requestAbout(f.store, person, 'rectification');

    const onTheClock = await dpo.get('/staff/requests');
    expect(onTheClock.statusCode).toBe(200);
    expect(rowsOf(onTheClock.body, 'running')).toContain(running);
    for (const id of [paused, clarifying, finished])
      expect(rowsOf(onTheClock.body, 'running')).not.toContain(id);
    expect(onTheClock.body).toMatch(/aria-current="page">On the clock/);
    // Blank is the default view.
    expect(rowsOf((await dpo.get('/staff/requests?show=')).body, 'running')).toContain(running);

    const waiting = await dpo.get('/staff/requests?show=waiting');
    expect(waiting.statusCode).toBe(200);
    expect(waiting.body).toMatch(/aria-current="page">Waiting for the person/);
    expect(rowsOf(waiting.body, 'waiting')).toEqual(expect.arrayContaining([paused, clarifying]));
    expect(rowsOf(waiting.body, 'waiting')).not.toContain(finished);
    expect(rowsOf(waiting.body, 'waiting')).not.toContain(running);
    const text = plain(waiting.body);
    expect(text).toContain('Proof of identity');
    expect(text).toContain('A full month from the day it arrives');
    expect(text).toContain('An answer to our question (the clock is stopped)');
    expect(text).toMatch(/\d+ days left/);
    expect(text).toContain('23 November 2026');

    const closed = await dpo.get('/staff/requests?show=closed');
    expect(closed.statusCode).toBe(200);
    expect(rowsOf(closed.body, 'closed')).toEqual([finished]);
    expect(plain(closed.body)).toMatch(/23 November 2026 Completed Objection/);

    expect((await dpo.get('/staff/requests?show=everything')).statusCode).toBe(400);
    expect((await officer.get('/staff/requests?show=waiting')).statusCode).toBe(403);

    // The staff home counts what waits, so a pause is visible from the first page.
    const home = plain((await dpo.get('/staff')).body);
    const shown = /Waiting for the person (\d+)/.exec(home)?.[1];
    expect(Number(shown)).toBe(await waitingCount(f.store, controllerOf(f.store)));
    expect(Number(shown)).toBe(rowsOf(waiting.body, 'waiting').length);
  });

  it('keeps an overdue request in sight when ID is asked for after its deadline', async () => {
    const late = await createRequest(f.store, setup(), {
      controllerId: controllerOf(f.store),
      personId: person,
      right: 'access',
      channel: 'letter',
      receivedOn: '2026-09-01',
    });
    expect(rowsOf((await dpo.get('/staff/requests')).body, 'running')).toContain(late.id);
    await move(late.id, 'awaiting-id');
    const waiting = await dpo.get('/staff/requests?show=waiting');
    expect(rowsOf(waiting.body, 'waiting')).toContain(late.id);
    expect(plain(waiting.body)).toContain('Asked after the deadline of 1 October 2026');
  });
});

describe('the person’s file', () => {
  it('lists their rights requests, with links, for the DPO and not for a housing officer', async () => {
    const id = await requestAbout(f.store, person, 'portability');
    const file = await dpo.get(`/staff/people/${person}?purpose=subject-access`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('id="rights-requests"');
    expect(file.body).toContain(`href="/staff/requests/${id}"`);
    expect(plain(file.body)).toMatch(/Portability request received 23 November 2026/);

    const theirs = await officer.get(`/staff/people/${person}?purpose=tenancy-management`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain('id="rights-requests"');
    expect(theirs.body).not.toContain('/staff/requests/');
  });
});

describe('the moves the request page offers', () => {
  it('asks for a representative’s authority only when a representative made the request', async () => {
    const own = await requestAbout(f.store, person, 'access');
    const page = (await dpo.get(`/staff/requests/${own}`)).body;
    expect(page).toContain('id="move-awaiting-id"');
    expect(page).not.toContain('id="move-awaiting-authority"');
    expect(page).not.toContain('Ask for proof of the representative’s authority');

    const representativeId = await addRepresentative(f.store, setup(), {
      controllerId: controllerOf(f.store),
      personId: person,
      agent: { name: 'Rowan Testadvocate', organisation: 'Advice Centre (synthetic)' },
      kind: 'solicitor',
      scope: ['all'],
      evidence: { kind: 'written-authority', reference: 'Signed form (synthetic)' },
      startsOn: '2026-01-01',
    });
    const made = await createRequest(f.store, setup(), {
      controllerId: controllerOf(f.store),
      personId: person,
      right: 'access',
      channel: 'representative',
      receivedOn: '2026-11-23',
      representativeId,
    });
    expect(made.status).toBe('received');
    expect((await dpo.get(`/staff/requests/${made.id}`)).body).toContain('id="move-awaiting-authority"');
  });
});

describe('the erasure page', () => {
  it('offers to carry out the plan only once the work has started', async () => {
    const id = await requestAbout(f.store, person, 'erasure');
    const erasure = `/staff/requests/${id}/erasure`;
    expect((await dpo.get(erasure)).body).toContain('id="plan" class="govuk-button"');
    expect((await dpo.post(`${erasure}/plan`, {}, { from: erasure })).statusCode).toBe(303);

    const received = await dpo.get(erasure);
    expect(received.statusCode).toBe(200);
    expect(received.body).not.toContain('Carry out the plan');
    expect(received.body).not.toContain(`action="${erasure}/execute"`);
    const said = plain(received.body);
    expect(said).toContain('The request’s status is “Received”');
    expect(said).toContain('only while the request is in progress or extended');
    expect(received.body).toContain(`href="/staff/requests/${id}#move-in-progress"`);
    // The plan's letter is in the future tense: nothing has been deleted yet.
    expect(said).toContain('We will delete:');
    expect(said).not.toContain('We have deleted:');

    await move(id, 'in-progress');
    const started = await dpo.get(erasure);
    expect(started.body).toContain('Carry out the plan');
    expect(started.body).toContain(`action="${erasure}/execute"`);
  });
});
