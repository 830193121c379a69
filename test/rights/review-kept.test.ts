/**
 * A released pack survives changes to Custos's pack layout (ADR 0013): the zip is kept sealed under
 * the requester's key and given again as released while the data it was made from is unchanged; a
 * pack released before Custos kept it is rebuilt, and when that cannot be done byte for byte the
 * refusal says it was made by an earlier version of Custos, never that the information changed.
 * A layout change is simulated honestly: the pack an older Custos released (today's zip with its
 * cover worded the older way, ISO dates) is what the review holds, with its own digest.
 */
import { createHash } from 'node:crypto';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vaultOf } from '../../src/records/store.ts';
import { correct } from '../../src/rights/rectification/index.ts';
import { PackNotAsReleased, releasedPack, type Release } from '../../src/rights/review/index.ts';
import { sealKeptPack } from '../../src/rights/review/as-released.ts';
import { KeyDestroyedError } from '../../src/store/person-keys.ts';
import { ENGINE } from '../support/db.ts';
import {
  asPerson,
  auditRows,
  buildWorld,
  controllerId,
  desk,
  releasedRequest,
  reviewTablesText,
  TENANT,
  type World,
} from './review-fixture.ts';

let w: World;

/** The same pack as an older Custos would have laid it out: its cover gave dates as held. */
function olderLayout(zip: Uint8Array): Uint8Array {
  const files = unzipSync(zip);
  const cover = strFromU8(files['cover.html']!);
  const older = cover.replaceAll(
    /\b(\d{1,2}) November 2026\b/g,
    (_, d: string) => `2026-11-${d.padStart(2, '0')}`,
  );
  expect(older).not.toBe(cover);
  return zipSync({ ...files, 'cover.html': strToU8(older) }, { level: 6 });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** The review as an older Custos left it: this zip released, and kept (sealed) or not kept at all. */
async function releasedBefore(release: Release, zip: Uint8Array, kept: boolean): Promise<void> {
  const key = (await vaultOf(w.store).load([w.tenant])).get(w.tenant)!;
  const review = { id: release.reviewId, controller_id: controllerId, person_id: w.tenant };
  await w.t.db.query(
    `update sar_reviews set release_sha256 = $2, release_bytes = $3, release_zip = $4
      ${kept ? '' : ', release_made_from = null, release_made_from_version = null'} where id = $1`,
    [release.reviewId, sha256(zip), zip.length, kept ? sealKeptPack(key, review, zip) : null],
  );
}

async function refusal(requestId: string): Promise<PackNotAsReleased> {
  const error = await releasedPack(w.store, asPerson(w.tenant), requestId).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PackNotAsReleased);
  return error as PackNotAsReleased;
}

let kept: Release;
let olderKept: Release;
let olderUnkept: Release;
beforeAll(async () => {
  w = await buildWorld();
  kept = await releasedRequest(w);
  olderKept = await releasedRequest(w);
  olderUnkept = await releasedRequest(w);
}, 240_000);
afterAll(async () => w?.t.close());

describe(`a released pack through changes to Custos's pack layout (${ENGINE})`, () => {
  it('is kept sealed at release, with what it was made from, and given again byte for byte', async () => {
    const [row] = await w.t.db.query<{ release_zip: Uint8Array; release_made_from_version: number }>(
      'select release_zip, release_made_from_version from sar_reviews where id = $1',
      [kept.reviewId],
    );
    expect(row!.release_made_from_version).toBe(1);
    // The letter is stored uncompressed in the zip: in clear it would show; sealed, it does not.
    expect(Buffer.from(kept.zip).toString('latin1')).toContain('synthetic letter about the rent');
    expect(await reviewTablesText(w.t.db)).not.toMatch(/synthetic letter|Quillfeather/);
    const pack = await releasedPack(w.store, asPerson(w.tenant), kept.requestId);
    expect(Buffer.from(pack.zip).equals(Buffer.from(kept.zip))).toBe(true);
    expect(pack.sha256).toBe(kept.sha256);
  });

  it('gives a pack an older Custos laid out differently exactly as it was released', async () => {
    const older = olderLayout(olderKept.zip);
    await releasedBefore(olderKept, older, true);
    const pack = await releasedPack(w.store, asPerson(w.tenant), olderKept.requestId);
    expect(Buffer.from(pack.zip).equals(Buffer.from(older))).toBe(true);
    expect(Buffer.from(pack.zip).equals(Buffer.from(olderKept.zip))).toBe(false);
    expect(strFromU8(unzipSync(pack.zip)['cover.html']!)).toContain('2026-11-23');
    const [audited] = (await auditRows(w.t.db, 'sar.download', 'allowed')).slice(-1);
    expect(audited!.reason).toContain(sha256(older).toString('hex'));
  });

  it('rebuilds a pack released before Custos kept packs, while its layout is unchanged', async () => {
    await releasedBefore(olderUnkept, olderUnkept.zip, false);
    const pack = await releasedPack(w.store, asPerson(w.tenant), olderUnkept.requestId);
    expect(Buffer.from(pack.zip).equals(Buffer.from(olderUnkept.zip))).toBe(true);
  });

  it('says a pack released before Custos kept packs, in an older layout, was made by an earlier version', async () => {
    await releasedBefore(olderUnkept, olderLayout(olderUnkept.zip), false);
    const error = await refusal(olderUnkept.requestId);
    expect(error.why).toBe('earlier-version');
    expect(error.field).toBe('requestId');
    expect(error.reason).toMatch(/released on 2026-11-23 was made by an earlier version of Custos/);
    expect(error.reason).toMatch(/review the person’s information again and release a new pack/);
    expect(error.reason).not.toMatch(/changed/);
    const [denied] = (await auditRows(w.t.db, 'sar.download', 'denied')).slice(-1);
    expect(denied!.reason).toContain('earlier version of Custos');
  });

  it('says the same of a release recorded under another version of what packs are made from', async () => {
    await w.t.db.query('update sar_reviews set release_made_from_version = 0 where id = $1', [kept.reviewId]);
    const error = await refusal(kept.requestId);
    expect(error.why).toBe('earlier-version');
    expect(error.reason).not.toMatch(/changed/);
    await w.t.db.query('update sar_reviews set release_made_from_version = 1 where id = $1', [kept.reviewId]);
  });

  it('refuses a kept pack once the information in it has changed, and gives it again once put back', async () => {
    const change = (value: string) =>
      correct(w.store, desk, { personId: w.tenant, field: 'phone', value, reason: 'Number given by phone' });
    await change('07700 900999');
    for (const release of [kept, olderKept]) {
      const error = await refusal(release.requestId);
      expect(error.why).toBe('changed');
      expect(error.reason).toMatch(/released on 2026-11-23 .* has changed since/);
      expect(error.message).not.toContain('07700');
    }
    // A pack Custos cannot check is never said to have changed.
    expect((await refusal(olderUnkept.requestId)).why).toBe('earlier-version');
    await change(TENANT.phone);
    const pack = await releasedPack(w.store, asPerson(w.tenant), olderKept.requestId);
    expect(pack.sha256).not.toBe(olderKept.sha256);
    expect(pack.zip.length).toBeGreaterThan(0);
  });

  it('is gone with the person’s key: erased, the kept copy cannot be opened or given', async () => {
    await vaultOf(w.store).destroy([w.tenant], w.store.now());
    await expect(releasedPack(w.store, asPerson(w.tenant), kept.requestId)).rejects.toBeInstanceOf(
      KeyDestroyedError,
    );
    const [row] = await w.t.db.query<{ release_zip: Uint8Array }>(
      'select release_zip from sar_reviews where id = $1',
      [kept.reviewId],
    );
    expect(row!.release_zip.length).toBeGreaterThan(kept.zip.length);
    expect(Buffer.from(row!.release_zip).toString('latin1')).not.toContain('synthetic letter');
  });
});
