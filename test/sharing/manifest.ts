/**
 * The demo landlord's manifest with what sharing, routine returns and breaches need besides: the
 * National Fraud Initiative, CORE and the Rental Exchange as activities with their recipients and
 * agreements, a right-to-buy record type, and an activity for handling breaches. docs/returns.md
 * shows the same additions for a real manifest.
 */
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { validateText } from '../../src/manifest/validate.ts';
import type { Manifest } from '../../src/manifest/schema.ts';
import { DEMO_MANIFEST_FILE } from '../support/store.ts';

type Doc = Record<string, unknown[]> & { recordTypes: { id: string; activities: string[] }[] };

const ACTIVITIES = YAML.parse(`
- id: national-fraud-initiative
  name: The National Fraud Initiative
  function: Counter-fraud
  purpose: To help the Cabinet Office find and prevent fraud, such as tenancy fraud, by matching data.
  subjects: [tenant, applicant]
  categories: [identity, contact, household, tenancy, financial]
  sources: [you]
  lawfulBases:
    - basis: legal-obligation
      detail: Local Audit and Accountability Act 2014, Part 6 and Schedule 9
  recipients: [cabinet-office]
  retention: tenancy-ended
- id: core-lettings
  name: CORE lettings returns
  function: Regulatory returns
  purpose: To tell the government about each new letting, for official statistics.
  subjects: [tenant, household-member]
  categories: [identity, household, tenancy, financial]
  sources: [you]
  lawfulBases:
    - basis: legal-obligation
      detail: Regulator of Social Housing Tenancy Standard 2.1.6 (record all lettings as CORE requires)
  recipients: [mhclg]
  retention: tenancy-ended
- id: rental-exchange
  name: The Rental Exchange
  function: Income
  purpose: To help you build a credit history by sharing your rent payments with Experian each month.
  subjects: [tenant]
  categories: [identity, contact, tenancy, financial]
  sources: [you]
  lawfulBases:
    - basis: legitimate-interests
      interest: Helping tenants build a credit history from paying their rent
      assessment: LIA-05
  recipients: [experian]
  retention: tenancy-ended
- id: data-breaches
  name: Handling personal data breaches
  function: Data protection
  purpose: To find out who a breach affected, tell them and the ICO, and stop it happening again.
  subjects: [tenant, applicant, household-member, emergency-contact, complainant, visitor]
  categories: [identity, contact]
  sources: [you]
  lawfulBases:
    - basis: legal-obligation
      detail: UK GDPR Articles 33 and 34
  retention: rights-request-closed
`) as unknown[];

const RECIPIENTS = YAML.parse(`
- id: cabinet-office
  name: The Cabinet Office (National Fraud Initiative)
  level: organisation
  role: public-authority
  agreements:
    - id: nfi-2026
      type: statutory-gateway
      reference: Local Audit and Accountability Act 2014, Schedule 9
      start: 2026-01-01
      expiry: 2027-12-31
      review: 2027-06-01
      activities: [national-fraud-initiative]
- id: mhclg
  name: Ministry of Housing, Communities and Local Government (CORE)
  level: organisation
  role: public-authority
  agreements:
    - id: core-dsa
      type: data-sharing-agreement
      reference: CORE data sharing agreement
      start: 2024-04-01
      review: 2027-01-15
      categories: [identity, household, tenancy, financial]
      activities: [core-lettings]
- id: experian
  name: Experian (Rental Exchange)
  level: organisation
  role: controller
  agreements:
    - id: rental-exchange-dsa
      type: data-sharing-agreement
      start: 2025-01-01
      expiry: 2026-12-31
      review: 2026-12-01
      activities: [rental-exchange]
`) as unknown[];

const RIGHT_TO_BUY = YAML.parse(`
id: right-to-buy
name: Right to buy application
activities: [tenancy-management, national-fraud-initiative, subject-access]
fields:
  - { name: appliedOn, type: date, category: tenancy, required: true }
  - { name: stage, type: enum, values: [applied, admitted, offer-made, completed, withdrawn], category: tenancy, required: true }
  - { name: completedOn, type: date, category: tenancy }
  - { name: discount, type: money, category: financial }
lifecycle: { occurred: appliedOn, closed: completedOn }
`) as unknown;

const SERVES: Record<string, string[]> = {
  person: ['national-fraud-initiative', 'core-lettings', 'rental-exchange', 'data-breaches'],
  application: ['national-fraud-initiative'],
  'rent-transaction': ['rental-exchange'],
};

export function sharingManifestText(): string {
  const doc = YAML.parse(readFileSync(DEMO_MANIFEST_FILE, 'utf8')) as Doc;
  doc.activities!.push(...ACTIVITIES);
  doc.recipients!.push(...RECIPIENTS);
  for (const t of doc.recordTypes) t.activities.push(...(SERVES[t.id] ?? []));
  doc.recordTypes.push(RIGHT_TO_BUY as Doc['recordTypes'][number]);
  const dpo = (doc.roles as { id: string; purposes: string[] }[]).find(
    (r) => r.id === 'data-protection-officer',
  )!;
  dpo.purposes.push('data-breaches');
  return YAML.stringify(doc);
}

export function sharingManifest(): Manifest {
  const v = validateText('sharing-test.yaml', sharingManifestText(), { today: '2026-11-23' });
  const errors = v.problems.filter((p) => p.severity === 'error');
  if (!v.manifest || errors.length) throw new Error(`test manifest invalid: ${JSON.stringify(errors)}`);
  return v.manifest;
}
