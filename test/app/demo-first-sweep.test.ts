/**
 * The demo's first start disposes at once of what its past-dated data already has due, so nothing
 * a visitor has just seen vanishes a minute later; with sweeping turned off it disposes of nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepNewDemo } from '../../src/app/retention-schedule.ts';
import { DEMO_CONTROLLER } from '../../src/demo/generate.ts';
import { summariseRetention } from '../../src/retention/index.ts';
import { webFixture, type WebFixture } from '../web/helpers.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => f?.close());

const due = async () => (await summariseRetention(f.store, DEMO_CONTROLLER)).dispose;

describe('the demo’s first sweep', () => {
  it('does nothing when sweeping is turned off', async () => {
    const before = await due();
    expect(before).toBeGreaterThan(0);
    expect(await sweepNewDemo(f.store, { CUSTOS_RETENTION_EVERY_MINUTES: '0' })).toBeUndefined();
    expect(await due()).toBe(before);
  });

  it('disposes of everything already due and says how much', async () => {
    const before = await due();
    const line = await sweepNewDemo(f.store, {});
    expect(line).toMatch(
      /^Applied the demo's retention rules: \d+ record\(s\) already past their retention period were disposed of\.$/,
    );
    expect(Number(/(\d+) record/.exec(line!)![1])).toBeGreaterThan(0);
    expect(await due()).toBe(0);
    expect(before).toBeGreaterThan(0);
  });
});
