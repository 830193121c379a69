/**
 * Every problem with a form at once: the schema's (a missing answer) and the domain's own checks of
 * what was typed (a time in the future, a day that does not exist, an id not well formed) in one
 * GOV.UK error summary, in the form's order, each linked to its field, with status 400 and nothing
 * written. Before, the domain's problems showed only once the schema's were fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentWebFixture } from './consent-fixture.ts';
import { Agent, errorSummary, signInResident, signInStaff, tenants, type WebFixture } from './helpers.ts';

let f: WebFixture;
let dpo: Agent;
beforeAll(async () => {
  f = await consentWebFixture();
  dpo = await signInStaff(f, 'dpo');
});
afterAll(async () => f?.close());

const count = async (table: string) =>
  (await f.store.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

/** The summary's links, in order. */
const links = (html: string) =>
  [...(/govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '').matchAll(/href="([^"]*)"/g)].map(
    (m) => m[1],
  );

// The fixture's clock is 2026-11-23T10:00Z (10:00 in London).
const breach = {
  kind: 'breach',
  types: 'confidentiality',
  summary: 'A rent arrears report was emailed to the wrong contractor.',
  occurredAt: '2026-11-23T07:00',
  awareAt: '2026-11-23T08:00',
  categories: 'identity',
};

describe('logging a breach', () => {
  it('shows a missing summary and an awareness time in the future together; nothing is logged', async () => {
    const before = await count('breaches');
    const res = await dpo.post('/staff/breaches/new', {
      ...breach,
      summary: '',
      awareAt: '2026-11-24T09:00',
    });
    expect(res.statusCode).toBe(400);
    const summary = errorSummary(res.body);
    expect(summary).toHaveLength(2);
    expect(summary[0]).toBe('Describe what happened, without naming anyone');
    // The field as its label says it, the times in UK words.
    expect(summary[1]).toMatch(
      /^When we became aware cannot be in the future: 24 November 2026, 9:00am is later than now \(23 November 2026, 10:\d\dam, UK time\)$/,
    );
    expect(links(res.body)).toEqual(['#summary', '#awareAt']);
    expect(res.body.match(/govuk-error-message/g)).toHaveLength(2);
    expect(await count('breaches')).toBe(before);
  });

  it('shows no kind, no type ticked and an incident after its discovery together, in form order', async () => {
    const before = await count('breaches');
    const { types: _none, ...untyped } = breach;
    const res = await dpo.post('/staff/breaches/new', {
      ...untyped,
      kind: '',
      occurredAt: '2026-11-23T09:00',
    });
    expect(res.statusCode).toBe(400);
    const summary = errorSummary(res.body);
    expect(summary[0]).toBe('Select whether this is a breach or a near miss');
    expect(summary[1]).toMatch(/^Name at least one of confidentiality/);
    expect(summary[2]).toBe(
      'When it happened cannot be after we became aware of the breach (23 November 2026, 8:00am): 23 November 2026, 9:00am is later',
    );
    expect(links(res.body)).toEqual(['#kind', '#types', '#occurredAt']);
    expect(await count('breaches')).toBe(before);
  });
});

describe("steps on a breach's page", () => {
  let id: string;
  beforeAll(async () => {
    const res = await dpo.post('/staff/breaches/new', breach);
    expect(res.statusCode).toBe(303);
    id = String(res.headers.location).split('/').pop()!;
  });

  it('shows who was told missing and a report time in the future together; nothing is recorded', async () => {
    const res = await dpo.post(`/staff/breaches/${id}/report`, { to: '', reportedAt: '2026-11-25T09:00' });
    expect(res.statusCode).toBe(400);
    const summary = errorSummary(res.body);
    expect(summary[0]).toBe('Select who was told');
    expect(summary[1]).toMatch(/^When the report was made cannot be in the future: 25 November 2026, 9:00am/);
    const [row] = await f.store.db.query<{ ico: Date | null }>(
      'select ico_reported_at as ico from breaches where id = $1',
      [id],
    );
    expect(row!.ico).toBeNull();
  });

  it('shows a missing owner and a due day that does not exist together; no action is added', async () => {
    const before = await count('breach_actions');
    const res = await dpo.post(`/staff/breaches/${id}/actions`, {
      kind: 'containment',
      action: 'Ask the contractor to delete the email',
      owner: '',
      dueOn: '2026-02-31',
    });
    expect(res.statusCode).toBe(400);
    const summary = errorSummary(res.body);
    expect(summary[0]).toBe('Enter who owns the action');
    expect(summary[1]).toBe('Due date must be a real date, written like 2026-12-01');
    expect(await count('breach_actions')).toBe(before);
  });
});

describe('retention forms', () => {
  const hold = {
    target: 'person',
    targetId: tenants()[0]!.id,
    matter: 'disrepair-claim',
    reason: 'Claim DC-1',
    owner: 'Legal team',
    reviewOn: '2027-01-31',
  };

  it('shows a missing reason, an id not well formed and a day written wrongly together; no hold', async () => {
    const before = await count('retention_holds');
    const res = await dpo.post(
      '/staff/retention/holds',
      { ...hold, targetId: 'DC-1', reason: '', reviewOn: '31/01/2027' },
      { from: '/staff/retention/holds' },
    );
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'Target ID must be the id of a person',
      'Enter what the hold is for, such as a claim number',
      'Review on must be a date written YYYY-MM-DD',
    ]);
    expect(links(res.body)).toEqual(['#targetId', '#reason', '#reviewOn']);
    expect(await count('retention_holds')).toBe(before);
  });

  it('shows a missing event and a day in the future together; nothing is entered', async () => {
    const before = await count('retention_events');
    const res = await dpo.post(
      '/staff/retention/events',
      { eventId: '', occurredOn: '2026-12-01' },
      { from: '/staff/retention/events' },
    );
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'Select the event',
      'Occurred on is in the future; enter an event once it has happened',
    ]);
    expect(await count('retention_events')).toBe(before);
  });
});

describe("a move on a rights request's page", () => {
  let id: string;
  beforeAll(async () => {
    const resident = await signInResident(f);
    const made = await resident.post('/portal/requests/new', {
      right: 'access',
      wording: 'All of it, please.',
    });
    expect(made.statusCode).toBe(303);
    id = String(made.headers.location).split('/').pop()!;
  });

  it('shows a refusal without its reason and without its reasons together; nothing moves', async () => {
    const before = await count('request_events');
    const res = await dpo.post(`/staff/requests/${id}/status`, { to: 'refused', reasonText: ' ' });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)).toEqual([
      'Choose the reason for refusing',
      'Enter the reasons, as the person will be told them',
    ]);
    expect(links(res.body)).toEqual(['#refused-reasonCode', '#refused-reasonText']);
    expect(await count('request_events')).toBe(before);
  });

  it("links a day in the future to the move's own date boxes; nothing moves", async () => {
    const before = await count('request_events');
    const res = await dpo.post(`/staff/requests/${id}/status`, {
      to: 'awaiting-id',
      onDay: '1',
      onMonth: '12',
      onYear: '2026',
    });
    expect(res.statusCode).toBe(400);
    expect(errorSummary(res.body)[0]).toMatch(/^Date: 2026-12-01 is in the future/);
    expect(links(res.body)).toEqual(['#awaiting-id-onDay']);
    expect(res.body).toContain('id="awaiting-id-onDay"');
    expect(await count('request_events')).toBe(before);
  });
});

describe('logging a disclosure', () => {
  it('shows no reference for the basis, no category, a day in the future and no approver together', async () => {
    const before = await count('disclosures');
    const res = await dpo.post('/staff/disclosures/new', {
      customerRef: tenants()[0]!.customerRef,
      basis: 'crime-and-taxation',
      recipientId: 'police',
      activityId: 'asb',
      reasons: 'Locating a suspect; not disclosing would prejudice the investigation.',
      disclosedOn: '2026-12-01',
      approvedBy: '',
    });
    expect(res.statusCode).toBe(400);
    const summary = errorSummary(res.body);
    expect(summary[0]).toMatch(/^Name at least one category/);
    expect(summary[1]).toBe('Reference is required');
    expect(summary[2]).toMatch(/^Disclosed on: 2026-12-01 is in the future/);
    expect(summary[3]).toBe('Enter who approved the disclosure');
    expect(links(res.body)).toEqual(['#categories', '#reference', '#disclosedOn', '#approvedBy']);
    expect(await count('disclosures')).toBe(before);
  });
});
