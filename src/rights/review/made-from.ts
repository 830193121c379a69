/**
 * What a released pack was made from, as one keyed digest: the person's data the pack carries, as
 * held (their details, each released record's values, each document's bytes, their consents and the
 * disclosures given), and nothing of how Custos words or lays it out (labels, names from the
 * manifest, dates in words, redaction placeholders, the cover, the zip). Recorded at release, and
 * worked out again before the kept pack is given again: a different digest means the information
 * itself has changed (corrected, disposed of, erased or added to), never that Custos now presents
 * it differently (ADR 0013).
 *
 * The digest is an HMAC under a key derived from the requester's data key, like the review's field
 * digests: it cannot be tested against guessed values, and erasing the person makes it meaningless.
 * Change what goes into it only with a new MADE_FROM_VERSION: a release recorded under another
 * version cannot be compared, and is refused as made by an earlier version of Custos.
 */
import { createHash, createHmac } from 'node:crypto';
import type { PackSource } from '../sar/source.ts';
import type { SarPack } from '../sar/types.ts';
import type { PackFile } from '../sar/zip.ts';
import { derivedKey } from './digest.ts';

export const MADE_FROM_VERSION = 1;
const INFO = `custos/sar-release/made-from/v${MADE_FROM_VERSION}`;

/** JSON with object keys sorted, so the same values always give the same text. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The data, positionally: the pack decides which items and fields went out (the review's decisions
 * and the gate's view), the source gives each record's values as held (free text unredacted: the
 * redactions are fixed in the review and cannot change after release).
 */
function heldData(source: PackSource, pack: SarPack, files: readonly PackFile[]): unknown {
  const values = new Map([...source.own, ...source.mentions].map((r) => [r.id, r.fields]));
  const bytes = new Map(
    files.map((f) => [f.documentId, createHash('sha256').update(f.content).digest('hex')]),
  );
  return {
    person: pack.personId,
    details: pack.details.map((f) => [f.name, f.value]),
    records: pack.records.map((r) => [
      r.id,
      r.source,
      r.parts,
      r.fields.map((f) => [f.name, values.get(r.id)?.[f.name] ?? null]),
    ]),
    documents: pack.documents.map((d) => [d.id, bytes.get(d.id) ?? null]),
    consents: pack.consents.map((c) => [
      c.id,
      c.activityId,
      c.status,
      c.expiresAt,
      c.events.map((e) => [e.at, e.state, e.channel, e.method, e.noticeVersion, e.expressedBy, e.explicit]),
    ]),
    disclosures: pack.disclosures.map((d) => [d.id, d.kind, d.disclosedOn, d.reference, d.description]),
  };
}

/** The keyed digest of what the pack was made from (MADE_FROM_VERSION). */
export function madeFromDigest(
  dataKey: Buffer,
  source: PackSource,
  pack: SarPack,
  files: readonly PackFile[],
): Buffer {
  return createHmac('sha256', derivedKey(dataKey, INFO))
    .update(canonical(heldData(source, pack, files)), 'utf8')
    .digest();
}
