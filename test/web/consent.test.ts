/**
 * The portal's consent pages without a browser: giving and withdrawing (the same one step each,
 * taking effect at the gate at once), the receipt in both forms, representatives, disclosures,
 * the notice-changed banner, and refusals: 401 without a resident session, 400 for bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { validateText } from '../../src/manifest/validate.ts';
import { buildWebApp } from '../../src/web/app.ts';
import { sharingManifestText } from '../sharing/manifest.ts';
import { COMMS, consentWebFixture } from './consent-fixture.ts';
import {
  Agent,
  errorSummary,
  signInAs,
  signInResident,
  signInStaff,
  tenants,
  type WebFixture,
} from './helpers.ts';

let f: WebFixture;
let resident: Agent;
beforeAll(async () => {
  f = await consentWebFixture();
  resident = await signInResident(f);
});
afterAll(async () => f?.close());

const me = () => tenants()[0]!;

describe('who may use the portal consent pages', () => {
  it('asks for a resident session: 401 for visitors and staff alike', async () => {
    const visitor = new Agent(f.app);
    const dpo = await signInStaff(f, 'dpo');
    for (const path of [
      '/portal/consents',
      '/portal/consents/receipt.json',
      '/portal/representatives',
      '/portal/disclosures',
      '/portal/notice-changes',
    ]) {
      expect((await visitor.get(path)).statusCode, path).toBe(401);
      expect((await dpo.get(path)).statusCode, path).toBe(401);
    }
    const post = await visitor.request('POST', '/portal/consents', 'activity=newsletters&choice=give', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(post.statusCode).toBe(401);
  });
});

describe('giving and withdrawing consent', () => {
  it('lists the consent-based activities with one button each way, and a withdrawal stops staff at once', async () => {
    const page = await resident.get('/portal/consents');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Newsletters and events');
    expect(page.body).toContain('Give consent to Newsletters and events');

    const comms = await signInAs(f, COMMS);
    const file = `/staff/people/${me().id}?purpose=newsletters`;
    expect((await comms.get(file)).statusCode).toBe(403);

    const given = await resident.post('/portal/consents', { activity: 'newsletters', choice: 'give' });
    expect(given.statusCode).toBe(303);
    expect(given.headers.location).toBe('/portal/consents?changed=newsletters');
    const after = await resident.get('/portal/consents?changed=newsletters');
    expect(after.body).toContain('Your choice about Newsletters and events is saved');
    expect(after.body).toContain('Withdraw consent to Newsletters and events');
    expect((await comms.get(file)).statusCode).toBe(200);

    const withdrawn = await resident.post('/portal/consents', {
      activity: 'newsletters',
      choice: 'withdraw',
    });
    expect(withdrawn.statusCode).toBe(303);
    const refused = await comms.get(file);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('consent');
  });

  it('refuses bad choices with the reason in the error summary, never a 500', async () => {
    const bad = await resident.post('/portal/consents', { activity: 'newsletters', choice: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Choose to give or withdraw consent']);
    const notConsent = await resident.post('/portal/consents', { activity: 'lettings', choice: 'give' });
    expect(notConsent.statusCode).toBe(400);
    expect(errorSummary(notConsent.body)[0]).toMatch(/not on consent/);
    const unknown = await resident.post('/portal/consents', { activity: 'no-such-thing', choice: 'give' });
    expect(unknown.statusCode).toBe(400);
    const nothing = await resident.post('/portal/consents', { activity: 'newsletters', choice: 'withdraw' });
    expect(nothing.statusCode).toBe(400);
    expect(errorSummary(nothing.body)[0]).toMatch(/no consent in force/);
    const noToken = await resident.post(
      '/portal/consents',
      { activity: 'newsletters', choice: 'give' },
      { csrf: null },
    );
    expect(noToken.statusCode).toBe(403);
  });

  it('gives the receipt as ISO/IEC TS 27560 JSON and as a readable page, both downloads', async () => {
    const json = await resident.get('/portal/consents/receipt.json');
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toContain('consent-receipt.json');
    const receipt = JSON.parse(json.body) as Record<string, unknown>;
    expect(receipt.schema_version).toBeDefined();
    expect(JSON.stringify(receipt)).toContain('newsletters');
    const html = await resident.get('/portal/consents/receipt.html');
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Newsletters and events');
  });
});

describe('representatives and disclosures', () => {
  it('adds someone to act for the resident and lists them', async () => {
    const bad = await resident.post('/portal/representatives', { name: '', kind: 'wizard', scope: 'all' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toContain('Enter the name of the person who will act for you');
    const added = await resident.post('/portal/representatives', {
      name: 'Robin Example',
      kind: 'advocate',
      scope: 'withdraw-consent',
    });
    expect(added.statusCode).toBe(303);
    const list = await resident.get('/portal/representatives');
    expect(list.body).toContain('Robin Example');
    expect(list.body).toContain('Advocate');
  });

  it('shows disclosures about the resident', async () => {
    const page = await resident.get('/portal/disclosures');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Who we have shared your information with');
  });
});

describe('material changes to the notice', () => {
  it('shows a banner on portal pages once the notice is newer than the one acknowledged, until acknowledged', async () => {
    expect((await resident.get('/portal/your-information')).body).not.toContain(
      'We have changed our privacy notice',
    );

    const doc = YAML.parse(sharingManifestText()) as {
      notice: { version: string; changelog: unknown[] };
      activities: { id: string; recipients?: string[] }[];
    };
    doc.notice.version = '1.1';
    doc.notice.changelog.push({
      version: '1.1',
      date: '2026-11-20',
      summary: 'We now share tenancy details with the police on request.',
      material: true,
    });
    doc.activities.find((a) => a.id === 'tenancy-management')!.recipients?.push('cabinet-office');
    const v = validateText('v11.yaml', YAML.stringify(doc), { today: '2026-11-23' });
    expect(v.manifest).toBeDefined();
    const app2 = await buildWebApp(
      { ...f.store, manifests: new Map([[v.manifest!.controller.id, v.manifest!]]) },
      { logger: false },
    );
    await app2.ready();
    try {
      const r2 = await signInResident(f, new Agent(app2));
      const page = await r2.get('/portal/your-information');
      expect(page.body).toContain(
        'We have changed our privacy notice since you last read it (version 1.0; now version 1.1)',
      );
      const changes = await r2.get('/portal/notice-changes');
      expect(changes.body).toContain('We now share tenancy details with the police on request.');
      expect(changes.body).toContain('What has changed that affects you');
      const ack = await r2.post('/portal/notice-changes', {});
      expect(ack.statusCode).toBe(303);
      expect((await r2.get('/portal/your-information')).body).not.toContain(
        'We have changed our privacy notice',
      );
    } finally {
      await app2.close();
    }
  });
});
