/**
 * Accuracy of the third-party redaction detectors over the labelled synthetic corpus
 * (test/rights/corpus/): recall per class, precision per predicted class and overall, and the
 * hard rule that the requester's own data is never redacted.
 */
import { describe, expect, it } from 'vitest';
import { findRedactions, type Redaction } from '../../src/rights/redaction/index.ts';
import { generateCorpus, type CorpusDoc, type TruthSpan } from './corpus/generate.ts';

type RecallClass = 'known-person' | 'unknown-name' | 'identifier';
type PredClass = 'known-person' | 'unknown-name' | 'identifier';

const predClass = (r: Redaction): PredClass =>
  r.kind === 'known-person' || r.kind === 'unknown-name' ? r.kind : 'identifier';

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end;

/** Every letter and digit of the truth span lies inside some redaction. */
function covered(text: string, t: TruthSpan, rs: readonly Redaction[]): boolean {
  for (let i = t.start; i < t.end; i++) {
    if (!/[\p{L}\p{N}]/u.test(text[i]!)) continue;
    if (!rs.some((r) => r.start <= i && i < r.end)) return false;
  }
  return true;
}

interface Tally {
  hit: number;
  total: number;
}
const ratio = (t: Tally): number => (t.total === 0 ? 1 : t.hit / t.total);
const pct = (t: Tally): string => `${(ratio(t) * 100).toFixed(2)}% (${t.hit}/${t.total})`;

function score(docs: readonly CorpusDoc[]) {
  const recall: Record<RecallClass, Tally> = {
    'known-person': { hit: 0, total: 0 },
    'unknown-name': { hit: 0, total: 0 },
    identifier: { hit: 0, total: 0 },
  };
  const recallByKind = new Map<string, Tally>();
  const precision: Record<PredClass, Tally> = {
    'known-person': { hit: 0, total: 0 },
    'unknown-name': { hit: 0, total: 0 },
    identifier: { hit: 0, total: 0 },
  };
  const requesterRedacted: string[] = [];
  const misses: string[] = [];
  const falsePositives: string[] = [];
  for (const d of docs) {
    const rs = findRedactions(d.text, { requester: d.requester, knownPeople: d.knownPeople });
    const redactable = d.spans.filter((s) => s.cls !== 'requester');
    for (const t of redactable) {
      const cls = t.cls as RecallClass;
      const ok = covered(d.text, t, rs);
      recall[cls].total++;
      if (ok) recall[cls].hit++;
      else misses.push(`${d.id} ${cls}/${t.kind}: "${t.text}"`);
      const key = `${cls === 'known-person' ? 'known' : 'third-party'} ${t.kind}`;
      const k = recallByKind.get(key) ?? { hit: 0, total: 0 };
      k.total++;
      if (ok) k.hit++;
      recallByKind.set(key, k);
    }
    for (const r of rs) {
      const p = precision[predClass(r)];
      p.total++;
      if (redactable.some((t) => overlaps(t, r))) p.hit++;
      else falsePositives.push(`${d.id} ${r.kind}: "${d.text.slice(r.start, r.end)}"`);
    }
    for (const s of d.spans.filter((x) => x.cls === 'requester')) {
      for (const r of rs)
        if (overlaps(s, r))
          requesterRedacted.push(
            `${d.id} ${s.kind} "${s.text}" by ${r.kind} "${d.text.slice(r.start, r.end)}"`,
          );
    }
  }
  const overall: Tally = {
    hit: Object.values(precision).reduce((n, t) => n + t.hit, 0),
    total: Object.values(precision).reduce((n, t) => n + t.total, 0),
  };
  return { recall, recallByKind, precision, overall, requesterRedacted, misses, falsePositives };
}

describe('redaction accuracy over the synthetic corpus', () => {
  const docs = generateCorpus(600);
  const s = score(docs);

  it('reports the figures', () => {
    const requesterSpans = docs.reduce((n, d) => n + d.spans.filter((x) => x.cls === 'requester').length, 0);
    console.log(`\nRedaction accuracy: ${docs.length} documents, ${requesterSpans} requester spans`);
    for (const [k, t] of Object.entries(s.recall)) console.log(`  recall ${k.padEnd(14)} ${pct(t)}`);
    for (const [k, t] of [...s.recallByKind].sort()) console.log(`    recall ${k.padEnd(32)} ${pct(t)}`);
    for (const [k, t] of Object.entries(s.precision)) console.log(`  precision ${k.padEnd(14)} ${pct(t)}`);
    console.log(`  precision overall       ${pct(s.overall)}`);
    console.log(`  requester spans redacted: ${s.requesterRedacted.length}`);
    if (s.misses.length) console.log('  sample misses:\n    ' + s.misses.slice(0, 15).join('\n    '));
    if (s.falsePositives.length)
      console.log('  sample false positives:\n    ' + s.falsePositives.slice(0, 15).join('\n    '));
    if (s.requesterRedacted.length)
      console.log('  requester redactions:\n    ' + s.requesterRedacted.slice(0, 15).join('\n    '));
    expect(docs.length).toBeGreaterThanOrEqual(500);
  });

  it('finds at least 99% of known people', () => {
    expect(ratio(s.recall['known-person'])).toBeGreaterThanOrEqual(0.99);
  });
  it('finds at least 99% of structured identifiers', () => {
    expect(ratio(s.recall.identifier)).toBeGreaterThanOrEqual(0.99);
  });
  it('finds at least 90% of unknown names', () => {
    expect(ratio(s.recall['unknown-name'])).toBeGreaterThanOrEqual(0.9);
  });
  it('has precision of at least 90% overall', () => {
    expect(ratio(s.overall)).toBeGreaterThanOrEqual(0.9);
  });
  it("never redacts the requester's own names or identifiers", () => {
    expect(s.requesterRedacted).toEqual([]);
  });
  it('is deterministic: the same seed gives the same corpus', () => {
    expect(generateCorpus(20).map((d) => d.text)).toEqual(docs.slice(0, 20).map((d) => d.text));
  });
});
