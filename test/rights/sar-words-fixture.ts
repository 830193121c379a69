/** A synthetic subject access pack with values that need words, and a noisy access history. */
import type { PackAccess, SarPack } from '../../src/rights/sar/index.ts';

const field = (name: string, label: string, type: string, value: unknown) => ({
  name,
  label,
  type,
  value,
  redactions: 0,
});

const access = (
  at: string,
  actorKind: string,
  action: string,
  purpose: string | null,
  outcome = 'allowed',
): PackAccess => ({
  at,
  actorKind,
  action,
  purpose,
  purposeName:
    purpose === 'subject-access'
      ? 'Answering your rights requests'
      : purpose
        ? 'Managing your tenancy'
        : null,
  outcome,
});

/** Newest first, as the audit log gives them. */
export const accesses: PackAccess[] = [
  ...Array.from({ length: 20 }, (_, i) =>
    access(`2026-11-22T1${i % 10}:00:00Z`, 'staff', 'rights-request.read', 'subject-access'),
  ),
  access('2026-11-22T09:00:00Z', 'staff', 'rights-request.transition', 'subject-access', 'denied'),
  access('2026-11-22T08:00:00Z', 'staff', 'person.read', 'subject-access'),
  ...Array.from({ length: 6 }, () =>
    access('2026-11-21T12:00:00Z', 'subject', 'rights-request.create', 'subject-access', 'denied'),
  ),
  access('2026-11-21T11:00:00Z', 'subject', 'rights-request.create', 'subject-access'),
  access('2026-11-21T10:00:00Z', 'subject', 'person.read', 'subject-access'),
  access('2026-11-20T15:00:00Z', 'staff', 'person.read', 'tenancy-management'),
  access('2026-11-20T14:00:00Z', 'staff', 'record.read', 'tenancy-management'),
  access('2026-11-20T09:00:00Z', 'staff', 'person.read', 'tenancy-management'),
  access('2026-11-20T08:00:00Z', 'third-party', 'person.read', 'repairs', 'denied'),
  access('2026-11-03T08:00:00Z', 'staff', 'person.read', 'subject-access'),
];

export const pack: SarPack = {
  status: 'released',
  controller: { id: 'demo', name: 'Brookvale Homes', contact: 'dpo@example.invalid' },
  personId: '00000000-0000-4000-8000-000000000001',
  today: '2026-11-23',
  generatedAt: '2026-11-23T10:00:00.000Z',
  details: [
    field('givenName', 'Given name', 'string', 'Zebediah'),
    field('familyName', 'Family name', 'string', 'Quillfeather'),
    field('dateOfBirth', 'Date of birth', 'date', '1978-12-24'),
  ],
  records: [
    {
      id: '00000000-0000-4000-8000-000000000010',
      recordType: 'rent-transaction',
      recordTypeName: 'Rent account transaction',
      createdAt: '2026-11-24T08:00:00.000Z',
      occurredAt: '2026-09-01',
      source: 'own',
      parts: [],
      fields: [
        field('postedOn', 'Posted on', 'date', '2026-09-01'),
        field('kind', 'Kind', 'enum', 'rent-charge'),
        field('amount', 'Amount', 'money', 412.5),
        field('method', 'Method', 'enum', 'direct-debit'),
      ],
    },
    {
      id: '00000000-0000-4000-8000-000000000011',
      recordType: 'call-recording',
      recordTypeName: 'Call recording',
      createdAt: '2026-11-24T08:00:00.000Z',
      occurredAt: '2026-09-09T15:56:00.000Z',
      source: 'own',
      parts: [],
      fields: [
        field('recordedAt', 'Recorded at', 'datetime', '2026-09-09T15:56:00.000Z'),
        field('durationSeconds', 'Duration seconds', 'number', 1272),
      ],
    },
    {
      id: '00000000-0000-4000-8000-000000000012',
      recordType: 'application',
      recordTypeName: 'Housing application',
      createdAt: '2026-11-24T08:00:00.000Z',
      occurredAt: '2026-01-05',
      source: 'mention',
      parts: ['household-member'],
      fields: [
        field('receivedOn', 'Received on', 'date', '2026-01-05'),
        field('unspentConvictions', 'Unspent convictions', 'boolean', false),
      ],
    },
  ],
  documents: [],
  accesses,
  consents: [],
  disclosures: [],
  supplementary: {
    activities: [],
    complaint: 'You can complain to the ICO.',
    rightsStatement: 'You have rights.',
  },
  redactions: [],
  exemptions: [],
  withheld: { records: 0, mentions: 0, documents: 0 },
};
