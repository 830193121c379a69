/**
 * The staff home's retention panel shows the plan's own figures: with due records seeded (records
 * due for disposal and for review, a legal hold, one past its review date) and again after a sweep,
 * the numbers on the page equal the plan's lines summed. Nothing is cached between views. The
 * agreements panel names agreements as people know them (type and recipient), not by their ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeHold, planRetention, runRetention, type RetentionPlan } from '../../src/retention/index.ts';
import { CONTROLLER, dpo as dpoCall, loadFixture, type Fixture } from '../retention/fixture.ts';
import { signInStaff, webFixture, type Agent, type WebFixture } from './helpers.ts';

let f: WebFixture;
let seeded: Fixture;
let dpo: Agent;
beforeAll(async () => {
  f = await webFixture();
  seeded = await loadFixture(f.store);
  dpo = await signInStaff(f, 'dpo');
});
afterAll(async () => f?.close());

/** The panel's figures, read from the page's text. */
async function panel(agent: Agent) {
  const page = await agent.get('/staff');
  expect(page.statusCode).toBe(200);
  const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  const number = (pattern: RegExp) => {
    const match = pattern.exec(text);
    if (!match) throw new Error(`the panel does not show ${pattern}`);
    return Number(match[1] ?? 0);
  };
  return {
    dispose: number(/(\d+) records? due for disposal/),
    held: number(/due for disposal(?: \((\d+) more held\))?/),
    waitingForReview: number(/(\d+) waiting for review/),
    holdsToReview: number(/(\d+) legal holds? past review date/),
  };
}

async function planFigures() {
  const [plan] = await planRetention(f.store, { controllerId: CONTROLLER });
  const sum = (pick: (l: RetentionPlan['lines'][number]) => number) =>
    plan!.lines.reduce((n, l) => n + pick(l), 0);
  return {
    dispose: sum((l) => (l.action === 'review' ? 0 : l.due)),
    held: sum((l) => l.held),
    waitingForReview: sum((l) => (l.action === 'review' ? l.due : 0)) + plan!.reviews.pending,
    holdsToReview: plan!.holds.reviewDue,
  };
}

describe('the staff home’s retention panel', () => {
  it('shows the plan’s figures for seeded due records, held ones and a hold past review', async () => {
    const hold = {
      controllerId: CONTROLLER,
      matter: 'disrepair-claim',
      reason: 'Claim DR-2026-14',
      owner: 'legal-team',
    } as const;
    // Placed in 2025, its review date (then ahead) has passed.
    const placedIn2025 = { ...f.store, now: () => new Date('2025-06-01T09:00:00Z') };
    await placeHold(placedIn2025, dpoCall, {
      ...hold,
      target: 'person',
      targetId: seeded.people.cy,
      reviewOn: '2026-01-01',
    });
    await placeHold(f.store, dpoCall, {
      ...hold,
      target: 'record',
      targetId: seeded.records.diApplication!,
      reviewOn: '2027-03-01',
    });
    const expected = await planFigures();
    expect(expected.dispose).toBeGreaterThan(0);
    expect(expected.held).toBeGreaterThanOrEqual(2);
    expect(expected.waitingForReview).toBeGreaterThan(0);
    expect(expected.holdsToReview).toBe(1);
    expect(await panel(dpo)).toEqual(expected);
  });

  it('shows the plan’s figures after a sweep, not the figures from before it', async () => {
    const before = await panel(dpo);
    await runRetention(f.store, { startedBy: 'dpo-1' });
    const expected = await planFigures();
    expect(expected.dispose).toBeLessThan(before.dispose);
    expect(await panel(dpo)).toEqual(expected);
  });
});

describe('the staff home’s agreements panel', () => {
  it('names an agreement needing attention by its type and recipient, never by its id', async () => {
    const text = (await dpo.get('/staff')).body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Agreements needing attention');
    expect(text).toMatch(/Data sharing agreement with [A-Z]/);
    // Each says what the date is, in the UK's words: "…: review due on 1 December 2026".
    expect(text).toMatch(
      /with [^:]+: (expired|expires|review was due|review due) on \d{1,2} [A-Z][a-z]+ \d{4}/,
    );
    expect(text).not.toContain('rental-exchange-dsa');
  });
});
