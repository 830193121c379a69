/** A transfer outside the UK needs a safeguard (UK GDPR Chapter V). */
import { lookup } from '../lookup.ts';
import type { Finding } from '../problems.ts';
import type { Manifest } from '../schema.ts';
import { UK_ADEQUATE_COUNTRIES } from '../vocabulary/law.ts';

export function checkTransfers(manifest: Manifest): Finding[] {
  const findings: Finding[] = [];
  const { recipients } = lookup(manifest);
  manifest.activities.forEach((activity, i) => {
    const transfers = activity.transfers === 'none' ? [] : activity.transfers;
    transfers.forEach((t, j) => {
      const at = ['activities', i, 'transfers', j];
      if (t.country === 'GB') {
        findings.push({
          rule: 'transfer/not-a-transfer',
          severity: 'warning',
          message: 'GB is the UK; this is not an international transfer',
          path: [...at, 'country'],
        });
        return;
      }
      if (!t.safeguard) {
        findings.push({
          rule: 'transfer/no-safeguard',
          message: `a transfer to ${t.country} has no safeguard; give "safeguard" (adequacy, idta, addendum, binding-corporate-rules or derogation)`,
          path: at,
        });
      } else if (t.safeguard === 'adequacy' && !UK_ADEQUATE_COUNTRIES.has(t.country)) {
        findings.push({
          rule: 'transfer/not-adequate',
          message:
            t.country === 'unspecified'
              ? 'adequacy can only be relied on for a named country'
              : `${t.country} has no UK adequacy regulations; choose another safeguard`,
          path: [...at, 'safeguard'],
        });
      }
    });
    activity.recipients.forEach((rid, j) => {
      const recipient = recipients.get(rid);
      if (
        recipient &&
        recipient.country !== 'GB' &&
        !transfers.some((t) => t.country === recipient.country)
      ) {
        findings.push({
          rule: 'transfer/undeclared',
          message: `recipient "${rid}" is in ${recipient.country} but the activity declares no transfer there`,
          path: ['activities', i, 'recipients', j],
        });
      }
    });
  });
  return findings;
}
