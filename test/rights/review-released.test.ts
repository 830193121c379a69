/**
 * Giving a released subject access pack again (the portal's download): rebuilt from the review,
 * proven the same as released by the digest recorded at release, and refused, audited, once what
 * it was made from has changed. Only the person (or a caseworker) may have it.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erase } from '../../src/records/disposal.ts';
import { AccessDenied, InputError, NotFound } from '../../src/records/errors.ts';
import { correct } from '../../src/rights/rectification/index.ts';
import { PackNotAsReleased, releasedPack, type Release } from '../../src/rights/review/index.ts';
import { ENGINE } from '../support/db.ts';
import {
  asPerson,
  auditRows,
  accessRequest,
  buildWorld,
  caseworker,
  controllerId,
  desk,
  releasedRequest,
  stranger,
  TENANT,
  type World,
} from './review-fixture.ts';

let w: World;
let requestId: string;
let release: Release;

beforeAll(async () => {
  w = await buildWorld();
  release = await releasedRequest(w);
  requestId = release.requestId;
}, 240_000);
afterAll(async () => w?.t.close());

describe(`the released pack given again (${ENGINE})`, () => {
  it('is byte for byte the pack released, for the person, and the download is audited as theirs', async () => {
    const pack = await releasedPack(w.store, asPerson(w.tenant), requestId);
    expect(pack).toMatchObject({ requestId, releasedOn: '2026-11-23', sha256: release.sha256 });
    expect(Buffer.from(pack.zip).equals(Buffer.from(release.zip))).toBe(true);
    expect(createHash('sha256').update(pack.zip).digest('hex')).toBe(release.sha256);
    const [download] = await w.t.db.query<{ actor: string; actor_kind: string; reason: string }>(
      "select actor, actor_kind, reason from audit_events where action = 'sar.download' and outcome = 'allowed'",
    );
    expect(download).toMatchObject({ actor: `resident:${w.tenant}`, actor_kind: 'subject' });
    expect(download!.reason).toContain(release.sha256);
  });

  it('is given to the caseworker too, and to no one else', async () => {
    expect((await releasedPack(w.store, caseworker, requestId)).sha256).toBe(release.sha256);
    await expect(releasedPack(w.store, asPerson(w.joint), requestId)).rejects.toBeInstanceOf(AccessDenied);
    await expect(releasedPack(w.store, { ...caseworker, actor: stranger }, requestId)).rejects.toBeInstanceOf(
      AccessDenied,
    );
    const denied = await auditRows(w.t.db, 'sar.download', 'denied');
    expect(denied.map((d) => d.actor)).toEqual([`resident:${w.joint}`, stranger.id]);
    expect(denied.every((d) => d.person_id === w.tenant)).toBe(true);
  });

  it('refuses a request with no released pack, and one that does not exist', async () => {
    const pending = await accessRequest(w);
    await expect(releasedPack(w.store, asPerson(w.tenant), pending)).rejects.toMatchObject({
      what: 'a released pack for this request (requestId)',
    });
    await expect(releasedPack(w.store, asPerson(w.tenant), 'not-an-id')).rejects.toBeInstanceOf(InputError);
    await expect(
      releasedPack(w.store, asPerson(w.tenant), '00000000-0000-4000-8000-000000000000'),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it('refuses, audited, once what it was made from has changed (a detail corrected)', async () => {
    await correct(w.store, desk, {
      personId: w.tenant,
      field: 'phone',
      value: '07700 900999',
      reason: 'New number given by phone',
    });
    const error = await releasedPack(w.store, asPerson(w.tenant), requestId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackNotAsReleased);
    expect((error as PackNotAsReleased).field).toBe('requestId');
    expect((error as PackNotAsReleased).reason).toMatch(/released on 2026-11-23 .* has changed since/);
    expect((error as Error).message).not.toContain('07700');
    const denied = await auditRows(w.t.db, 'sar.download', 'denied');
    expect(denied.at(-1)).toMatchObject({ actor: `resident:${w.tenant}`, person_id: w.tenant });
    expect(denied.at(-1)!.reason).toContain('has changed since');
    const allowed = await auditRows(w.t.db, 'sar.download', 'allowed');
    expect(allowed).toHaveLength(2);
  });

  it('refuses once a record in it has been disposed of', async () => {
    await correct(w.store, desk, {
      personId: w.tenant,
      field: 'phone',
      value: TENANT.phone,
      reason: 'The old number was right after all',
    });
    // Put back as released, it is the same pack again...
    expect((await releasedPack(w.store, asPerson(w.tenant), requestId)).sha256).toBe(release.sha256);
    // ...until a record it holds is gone.
    await w.store.db.transaction((tx) => erase(tx, controllerId, [{ id: w.staffLog }], w.store.now()));
    await expect(releasedPack(w.store, asPerson(w.tenant), requestId)).rejects.toBeInstanceOf(
      PackNotAsReleased,
    );
  });
});
