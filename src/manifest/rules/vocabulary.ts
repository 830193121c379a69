/** Vocabulary terms must use a prefix Custos can expand, so the DPV export is valid JSON-LD. */
import type { Finding } from '../problems.ts';
import type { Manifest } from '../schema.ts';
import { didYouMean } from '../suggest.ts';
import { DPV_PREFIXES } from '../vocabulary/dpv.ts';

const PREFIXES = Object.keys(DPV_PREFIXES);

function checkTerm(term: string, path: (string | number)[]): Finding[] {
  const prefix = term.split(':')[0]!;
  if (PREFIXES.includes(prefix)) return [];
  return [
    {
      rule: 'vocabulary/unknown-prefix',
      message: `"${prefix}:" is not a known vocabulary prefix${didYouMean(prefix, PREFIXES)}; use one of ${PREFIXES.join(', ')}`,
      path,
    },
  ];
}

export function checkVocabulary(manifest: Manifest): Finding[] {
  return [
    ...manifest.categories.flatMap((c, i) =>
      c.dpv.flatMap((t, j) => checkTerm(t, ['categories', i, 'dpv', j])),
    ),
    ...manifest.subjects.flatMap((s, i) => (s.dpv ? checkTerm(s.dpv, ['subjects', i, 'dpv']) : [])),
  ];
}
