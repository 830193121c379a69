/** The records API: service accounts with API keys, limited to their purposes, through the gate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whoAccessedRecord } from '../../src/audit/queries.ts';
import { createServiceAccount, issueApiKey, revokeApiKey } from '../../src/web/auth/api-keys.ts';
import { tenants, webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => f?.close());

const repair = () => ({
  purpose: 'repairs',
  personId: tenants()[2]!.id,
  recordType: 'repair',
  payload: {
    description: 'Dripping kitchen tap',
    reportedOn: '2026-11-20',
    priority: 'routine',
    trade: 'plumbing',
  },
  patch: 'north',
});

/** With the demo service account's key unless another (or null, for none) is given. */
const post = (body: unknown, key: string | null = f.apiKey) =>
  f.app.inject({
    method: 'POST',
    url: '/api/records',
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
  });

describe('POST /api/records', () => {
  it('creates a record through the gate and audits it on the API channel', async () => {
    const res = await post(repair());
    expect(res.statusCode).toBe(201);
    const { id } = res.json();
    const audit = await whoAccessedRecord(f.store.db, id);
    expect(audit).toMatchObject([
      { actor: 'service:housing-system', action: 'record.create', outcome: 'allowed' },
    ]);
  });

  it('answers 401 without a key, with a malformed key, or an unknown one', async () => {
    for (const key of [null, 'nonsense', `ck.0123456789abcdef.${'A'.repeat(43)}`]) {
      const res = await post(repair(), key);
      expect(res.statusCode, String(key)).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('answers 401 before looking at the body', async () => {
    expect((await post({ junk: true }, null)).statusCode).toBe(401);
  });

  it('refuses a purpose the key does not allow (403)', async () => {
    const res = await post({ ...repair(), purpose: 'asb', recordType: 'asb-case' });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('may not act for "asb"');
  });

  it('refuses what the account’s roles may not write (403, audited by the gate)', async () => {
    const res = await post({
      purpose: 'lettings',
      personId: tenants()[2]!.id,
      recordType: 'repair',
      payload: { description: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('answers 404 for an unknown person', async () => {
    const res = await post({ ...repair(), personId: '00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
  });

  it('stops accepting a revoked key', async () => {
    const manifest = f.store.manifests.get('brookvale-homes')!;
    const account = await createServiceAccount(
      f.store.db,
      manifest,
      { name: 'old-system', roles: ['repairs-coordinator'], purposes: ['repairs'] },
      f.clock.now,
    );
    const key = await issueApiKey(f.store.db, account, f.clock.now);
    expect((await post(repair(), key)).statusCode).toBe(201);
    await revokeApiKey(f.store.db, key.split('.')[1]!, f.clock.now);
    expect((await post(repair(), key)).statusCode).toBe(401);
  });

  it('will not give a service account a purpose its roles do not hold', async () => {
    const manifest = f.store.manifests.get('brookvale-homes')!;
    await expect(
      createServiceAccount(
        f.store.db,
        manifest,
        { name: 'greedy', roles: ['repairs-coordinator'], purposes: ['asb'] },
        f.clock.now,
      ),
    ).rejects.toThrow(/purposes/);
  });
});
