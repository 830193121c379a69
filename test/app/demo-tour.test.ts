/**
 * `npm start` names two tenants for the housing officer's tour, taken from the same generated plan
 * that seeds the demo store: one whose home is in the officer's patch, one whose home is not.
 */
import { describe, expect, it } from 'vitest';
import { demoSignIns, demoTenants } from '../../src/app/demo-web.ts';

describe('the demo tour', () => {
  it('names a tenant in the housing officer’s patch and one outside it', () => {
    const printed = demoSignIns('http://localhost:3000', undefined);
    const line = printed.split('\n').find((l) => l.includes('covers the north patch'))!;
    const [inside, outside] = [...line.matchAll(/BV\d{8}/g)].map((m) => m[0]);
    const byRef = new Map(demoTenants().map((t) => [t.customerRef, t]));
    expect(byRef.get(inside!)?.patch).toBe('north');
    expect(byRef.get(outside!)?.patch).toMatch(/^(?!north$)\S+/);
  });
});
