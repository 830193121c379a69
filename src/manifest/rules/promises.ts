/**
 * Negative statements ("we never sell your data", "no automated decisions") are checked against
 * the rest of the manifest, so the notice cannot promise what the declaration contradicts.
 */
import { lookup } from '../lookup.ts';
import type { Finding } from '../problems.ts';
import type { Manifest, PrivacyPromise } from '../schema.ts';

type Check = (manifest: Manifest) => string | undefined;

const CHECKS: Record<PrivacyPromise, Check> = {
  'never-sell': (m) => {
    const sale = m.activities.find((a) => /\bsell|\bsale of (your )?(personal )?data/i.test(a.purpose));
    return sale ? `activity "${sale.id}" describes selling data` : undefined;
  },
  'no-automated-decisions': (m) => {
    const adm = m.activities.find((a) => a.automatedDecisions !== 'none');
    return adm ? `activity "${adm.id}" declares automated decisions` : undefined;
  },
  'no-transfers-outside-uk': (m) => {
    const t = m.activities.find((a) => a.transfers !== 'none' && a.transfers.length > 0);
    return t ? `activity "${t.id}" declares a transfer outside the UK` : undefined;
  },
  'no-marketing-without-consent': (m) => {
    const dm = m.activities.find(
      (a) => a.directMarketing && !a.lawfulBases.some((b) => b.basis === 'consent'),
    );
    return dm ? `activity "${dm.id}" is direct marketing without consent` : undefined;
  },
  'no-special-category-without-condition': (m) => {
    const { categories } = lookup(m);
    const bad = m.activities.find(
      (a) =>
        a.categories.some((c) => categories.get(c)?.kind === 'special') && !a.lawfulBases.some((b) => b.art9),
    );
    return bad ? `activity "${bad.id}" uses special category data without an Art. 9 condition` : undefined;
  },
};

export function checkPromises(manifest: Manifest): Finding[] {
  return manifest.promises.flatMap((promise, i) => {
    const broken = CHECKS[promise](manifest);
    return broken
      ? [
          {
            rule: 'promise/contradicted',
            message: `the promise "${promise}" is contradicted: ${broken}`,
            path: ['promises', i],
          },
        ]
      : [];
  });
}
