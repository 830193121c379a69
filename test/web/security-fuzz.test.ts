/**
 * Malformed input never gets a 500: every route the app registers (found as they are registered)
 * is sent junk in its path parameters, query string and body, generated from the route's own
 * schema's field names by fast-check plus a fixed set of structural junk (broken JSON, wrong media
 * types, arrays for objects), by a visitor signed in with every role the route could need. Every
 * answer is a 4xx with a clear message (or a page), or a success for junk that happens to be valid.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookup } from '../../src/manifest/lookup.ts';
import { SESSION_COOKIE } from '../../src/web/auth/sessions.ts';
import type { Agent, WebFixture } from './helpers.ts';
import { concreteUrl, fixtureWithRoutes, type CapturedRoute } from './security-routes.ts';
import { agentWithRoles, csrfOf, residentAgent } from './security-sessions.ts';

let f: WebFixture;
let routes: CapturedRoute[];
beforeAll(async () => {
  ({ f, routes } = await fixtureWithRoutes({ signInPerMinute: 100_000 }));
}, 240_000);
afterAll(async () => f?.close());

const RUNS = Number(process.env.CUSTOS_FUZZ_RUNS ?? 12);

/** Field names a zod object schema declares (zod 4 keeps them on .shape), plus a stray one. */
function fieldsOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return [...Object.keys(shape ?? {}), 'unexpected'];
}

const junkText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '%00',
    '\u0000',
    'null',
    'undefined',
    '-1',
    '1e309',
    'NaN',
    '💥🏠',
    '<script>x</script>',
    "' or 1=1 --",
    'x'.repeat(5000),
    '2026-02-30',
    '00000000-0000-0000-0000-000000000000',
  ),
);
const junkValue = fc.oneof(
  junkText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(junkText, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), junkText, { maxKeys: 2 }),
);

interface Junk {
  params: Record<string, string>;
  query: [string, string][];
  body:
    | { kind: 'form'; fields: [string, string][] }
    | { kind: 'json'; value: unknown }
    | { kind: 'raw'; type: string; text: string };
}

function junkFor(r: CapturedRoute): fc.Arbitrary<Junk> {
  const paramNames = [...r.url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  const queryNames = fieldsOf(r.schema?.querystring);
  const bodyNames = fieldsOf(r.schema?.body);
  const pairs = (names: string[]) =>
    fc.array(fc.tuple(fc.constantFrom(...names), junkText), { maxLength: 6 });
  return fc.record({
    params: fc.record(Object.fromEntries(paramNames.map((n) => [n, junkText]))) as fc.Arbitrary<
      Record<string, string>
    >,
    query: pairs(queryNames),
    body: fc.oneof(
      pairs(bodyNames).map((fields) => ({ kind: 'form' as const, fields })),
      fc
        .oneof(fc.dictionary(fc.constantFrom(...bodyNames), junkValue, { maxKeys: 6 }), junkValue)
        .map((value) => ({ kind: 'json' as const, value })),
      fc.constantFrom(
        { kind: 'raw' as const, type: 'application/json', text: '{"broken":' },
        { kind: 'raw' as const, type: 'application/json', text: '[1,2,3]' },
        { kind: 'raw' as const, type: 'text/plain', text: 'just text' },
        { kind: 'raw' as const, type: 'application/x-www-form-urlencoded', text: '%%%=&&=%zz' },
        { kind: 'raw' as const, type: 'application/xml', text: '<a/>' },
      ),
    ),
  });
}

/** Who sends the junk: someone the route lets in, so the junk reaches its validation and handler. */
async function visitors(tag: string): Promise<{ staff: Agent; contractor: Agent; resident: Agent }> {
  const roles = [...lookup(f.store.manifests.get('brookvale-homes')!).roles.values()];
  return {
    staff: await agentWithRoles(
      f,
      `fuzz-staff-${tag}`,
      'staff',
      roles.filter((r) => r.kind === 'staff'),
    ),
    contractor: await agentWithRoles(
      f,
      `fuzz-contractor-${tag}`,
      'third-party',
      roles.filter((r) => r.kind === 'third-party'),
    ),
    resident: await residentAgent(f),
  };
}

async function fire(agent: Agent, r: CapturedRoute, junk: Junk, csrf: string, apiKey: string) {
  const path = concreteUrl(r.url, (n) => junk.params[n] ?? 'x');
  const query = new URLSearchParams(junk.query).toString();
  const url = query ? `${path}?${query}` : path;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (r.url.startsWith('/api/')) headers.authorization = `Bearer ${apiKey}`;
  if (r.method === 'GET') return agent.request('GET', url, undefined, headers);
  let payload: string;
  if (junk.body.kind === 'form') {
    payload = new URLSearchParams([...junk.body.fields, ['_csrf', csrf]]).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  } else if (junk.body.kind === 'json') {
    const v = junk.body.value;
    payload =
      JSON.stringify(v && typeof v === 'object' && !Array.isArray(v) ? { ...v, _csrf: csrf } : v) ?? 'null';
    headers['content-type'] = 'application/json';
  } else {
    payload = junk.body.text;
    headers['content-type'] = junk.body.type;
  }
  return agent.request(r.method as 'POST', url, payload, headers);
}

/** A refusal must say what is wrong: a JSON problem with a message, or a page saying there is a problem. */
function clear(status: number, body: string): boolean {
  if (status < 400) return true;
  try {
    const p = JSON.parse(body) as { statusCode?: number; message?: string };
    return (
      p.statusCode === status &&
      typeof p.message === 'string' &&
      p.message.length > 0 &&
      !/\n\s+at /.test(p.message)
    );
  } catch {
    return /govuk-error-summary|There is a problem|You need to sign in|cannot see this page|Page not found|Too many|This form has expired|Too much was sent|address is too long/.test(
      body,
    );
  }
}

describe('malformed input, on every route', () => {
  it('gets a clear 4xx (or a success), never a 500', async () => {
    const who = await visitors('junk');
    const apiKey = f.apiKey;
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    // Sign-out routes go last: they end the session they are called with.
    const ordered = [...routes].sort(
      (a, b) => Number(/sign-out/.test(a.url)) - Number(/sign-out/.test(b.url)),
    );
    for (const r of ordered) {
      const agent = r.url.startsWith('/portal')
        ? who.resident
        : r.url === '/staff/jobs'
          ? who.contractor
          : who.staff;
      if (!agent.cookies.get(SESSION_COOKIE)) continue;
      const csrf = await csrfOf(
        agent,
        r.url.startsWith('/portal') ? '/portal/your-information' : '/staff',
      ).catch(() => '');
      await fc.assert(
        fc.asyncProperty(junkFor(r), async (junk) => {
          const res = await fire(agent, r, junk, csrf, apiKey);
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const ok = res.statusCode < 500 && clear(res.statusCode, res.body);
          if (!ok)
            failures.push(
              `${r.method} ${r.url} gave ${res.statusCode} for ${JSON.stringify(junk).slice(0, 300)}: ${res.body.slice(0, 200)}`,
            );
          return true;
        }),
        { numRuns: RUNS, seed: 7 },
      );
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // The junk got past the guards to validation and the handlers, not just bounced at the door.
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(total / 4);
    expect((statuses.get(401) ?? 0) + (statuses.get(403) ?? 0)).toBeLessThan(total / 4);
  }, 600_000);

  it('answers broken JSON, on every route that takes a body, with a 400 that says so', async () => {
    const who = await visitors('json');
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.method !== 'GET')) {
      const agent = r.url.startsWith('/portal')
        ? who.resident
        : r.url === '/staff/jobs'
          ? who.contractor
          : who.staff;
      const headers: Record<string, string> = {
        accept: 'application/json',
        'content-type': 'application/json',
      };
      if (r.url.startsWith('/api/')) headers.authorization = `Bearer ${f.apiKey}`;
      const res = await agent.request('POST', concreteUrl(r.url), '{"broken":', headers);
      const message =
        res.statusCode === 400 ? (JSON.parse(res.body) as { message?: string }).message : undefined;
      // A guard may answer before the body is read (a signed-in member of staff sent on from the code step).
      const redirected = res.statusCode === 303;
      if (!redirected && (res.statusCode !== 400 || !/JSON/i.test(message ?? '')))
        wrong.push(`${r.method} ${r.url} gave ${res.statusCode}: ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('names the field and the reason in a 400 from the API', async () => {
    const res = await f.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: { authorization: `Bearer ${f.apiKey}` },
      payload: { purpose: 'repairs', personId: 'not-a-uuid', recordType: 'repair' },
    });
    expect(res.statusCode).toBe(400);
    const p = res.json() as { message: string; issues: { field: string }[] };
    expect(p.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['body.personId', 'body.payload']));
    const broken = await f.app.inject({
      method: 'POST',
      url: '/api/records',
      headers: { authorization: `Bearer ${f.apiKey}`, 'content-type': 'application/json' },
      payload: '{"purpose":',
    });
    expect(broken.statusCode).toBe(400);
    expect((broken.json() as { message: string }).message.length).toBeGreaterThan(0);
  });
});
