/**
 * The form for adding a representative: its fields, and the checks the schema alone cannot make
 * (the dates, and a reference for any evidence), giving the design system's messages in the order
 * of the form, and where the rights module's field names are on it.
 */
import { z } from 'zod';
import { EVIDENCE_KINDS, REPRESENTATIVE_KINDS } from '../../rights/representatives/index.ts';
import { RIGHTS } from '../../rights/requests/index.ts';
import { form, required, tooLong, type FormErrors } from '../forms.ts';
import { dateFields, readDate } from './date-input.ts';
import { mergeErrors } from './rights-intake-form.ts';

export const NONE = 'none';
const optional = (max: number) => z.string().trim().max(max, tooLong(max)).optional();

export const NewRepresentative = form({
  name: required('Enter the representative’s full name', 120),
  organisation: optional(120),
  kind: z.enum(REPRESENTATIVE_KINDS, { error: 'Select who the representative is' }),
  scope: z
    .union([z.enum([...RIGHTS, 'all']), z.array(z.enum([...RIGHTS, 'all']))], {
      error: 'Select the rights they may use for the person',
    })
    .transform((v) => (Array.isArray(v) ? v : [v])),
  evidenceKind: z.enum([...EVIDENCE_KINDS, NONE], { error: 'Select the evidence of their authority' }),
  evidenceReference: optional(200),
  ...dateFields('startsOn'),
  ...dateFields('expiresOn'),
});
export type Body = z.infer<typeof NewRepresentative>;

export const FIELD_IDS: Record<string, string> = {
  'agent.name': 'name',
  'agent.organisation': 'organisation',
  kind: 'kind',
  scope: 'scope',
  'evidence.kind': 'evidenceKind',
  'evidence.reference': 'evidenceReference',
  startsOn: 'startsOn-day',
  expiresOn: 'expiresOn-day',
};

/** The dates and the evidence reference, which the schema alone cannot judge. */
export function checkDates(body: Record<string, unknown>) {
  const starts = readDate(body, 'startsOn', {
    label: 'Start date',
    missing: 'Enter the date the authority starts',
  });
  const ends = readDate(body, 'expiresOn', {
    label: 'End date',
    ...(starts.ok &&
      starts.day && {
        notBefore: { day: starts.day, message: 'End date must be on or after the start date' },
      }),
  });
  const errors: FormErrors[] = [];
  const failed: Record<string, string[]> = {};
  for (const [name, r] of [
    ['startsOn', starts],
    ['expiresOn', ends],
  ] as const)
    if (!r.ok) {
      errors.push({
        list: [{ text: r.message, href: `#${r.href}` }],
        fields: { [name]: { text: r.message } },
      });
      failed[name] = r.parts;
    }
  const needsReference =
    body.evidenceKind && body.evidenceKind !== NONE && !String(body.evidenceReference ?? '').trim();
  if (needsReference) {
    const text = 'Enter where the evidence is kept or its reference';
    errors.push({ list: [{ text, href: '#evidenceReference' }], fields: { evidenceReference: { text } } });
  }
  return {
    errors: mergeErrors(...errors),
    failed,
    startsOn: starts.ok ? starts.day : undefined,
    expiresOn: ends.ok ? ends.day : undefined,
  };
}

const ORDER = [
  'name',
  'organisation',
  'kind',
  'scope',
  'evidenceKind',
  'evidenceReference',
  'startsOn',
  'expiresOn',
];
export const inOrder = (e: FormErrors): FormErrors => ({
  ...e,
  list: [...e.list].sort(
    (a, b) =>
      ORDER.findIndex((f) => a.href.slice(1).startsWith(f)) -
      ORDER.findIndex((f) => b.href.slice(1).startsWith(f)),
  ),
});
