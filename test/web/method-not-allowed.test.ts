/**
 * A method an address does not take (PUT or DELETE on a form's address) is answered 405 with the
 * methods it does take in `Allow`, as a page or as JSON; an address the app does not have stays 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webFixture, type WebFixture } from './helpers.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(async () => f?.close());

const ask = (method: 'PUT' | 'DELETE' | 'PATCH', url: string, accept = 'text/html') =>
  f.app.inject({ method, url, headers: { accept } });

describe('a method the address does not take', () => {
  it('answers 405 with Allow on a form address, as a page', async () => {
    for (const method of ['PUT', 'DELETE'] as const) {
      const res = await ask(method, '/staff/sign-in');
      expect(res.statusCode, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, POST');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('This page cannot be used that way');
    }
  });

  it('answers 405 on an address with parameters, and JSON for the API', async () => {
    const page = await ask('DELETE', '/staff/breaches/6f1c8a52-3d0e-4c55-9a43-2f7a1b9e0c11');
    expect(page.statusCode).toBe(405);
    expect(page.headers.allow).toMatch(/\bGET\b/);
    const api = await ask('PATCH', '/api/records', '*/*');
    expect(api.statusCode).toBe(405);
    expect(api.headers.allow).toBe('POST');
    expect(api.json()).toMatchObject({ statusCode: 405, error: 'Method Not Allowed' });
  });

  it('keeps 404 for an address the app does not have', async () => {
    for (const method of ['PUT', 'DELETE'] as const) {
      const res = await ask(method, '/staff/no-such-page');
      expect(res.statusCode, method).toBe(404);
      expect(res.headers.allow).toBeUndefined();
    }
    expect((await f.app.inject({ method: 'GET', url: '/nothing-here' })).statusCode).toBe(404);
    // A route that takes the method but finds nothing (a missing asset under /assets/*) is 404 too.
    const asset = await f.app.inject({ method: 'GET', url: '/assets/no-such-file.css' });
    expect(asset.statusCode).toBe(404);
    expect(asset.headers.allow).toBeUndefined();
  });
});
