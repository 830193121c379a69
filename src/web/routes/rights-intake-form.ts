/**
 * The forms of recording a rights request that arrived by phone, letter, email or in person: the
 * search for the person (by an identifier, posted, never in an address), and the request itself,
 * with the words staff see for each right and channel and the checks that give the design
 * system's error messages in the order of the form.
 */
import { z } from 'zod';
import { RIGHTS, type RequestChannel, type Right } from '../../rights/requests/index.ts';
import type { IsoDate } from '../../rights/clock/index.ts';
import { form, formErrors, required, type FormErrors } from '../forms.ts';
import type { FastifyRequest } from 'fastify';
import { dateFields, readDate } from './date-input.ts';
import type { PresentedRepresentative } from './representatives-shared.ts';

/** The identifiers staff may search by: ones that point at one person (not a name or a postcode). */
export const ID_KINDS = ['customer-ref', 'ni-number', 'email', 'phone'] as const;
export const ID_KIND_WORDS: Record<(typeof ID_KINDS)[number], string> = {
  'customer-ref': 'Customer reference',
  'ni-number': 'National Insurance number',
  email: 'Email address',
  phone: 'Phone number',
};

export const Find = form({
  idKind: z.enum(ID_KINDS, { error: 'Select what you are searching by' }),
  identifier: required('Enter the customer reference or other identifier', 120),
});

/** How a request reaches staff (the portal records its own; a representative is asked separately). */
export const STAFF_CHANNELS = ['phone', 'letter', 'email', 'in-person'] as const satisfies RequestChannel[];
const CHANNEL_WORDS: Record<(typeof STAFF_CHANNELS)[number], string> = {
  phone: 'Phone call',
  letter: 'Letter',
  email: 'Email',
  'in-person': 'In person',
};

export const RIGHT_LABELS: Record<Right, { text: string; hint: string }> = {
  access: { text: 'Access (subject access request)', hint: 'A copy of the information held about them' },
  rectification: { text: 'Rectification', hint: 'Correct information that is wrong or incomplete' },
  erasure: { text: 'Erasure', hint: 'Delete their information' },
  restriction: { text: 'Restriction', hint: 'Limit how their information is used' },
  objection: { text: 'Objection', hint: 'Stop using their information for a purpose' },
  portability: { text: 'Portability', hint: 'The information they gave, in a reusable format' },
  'automated-decision': {
    text: 'Review of an automated decision',
    hint: 'A person to look again at a decision made by a computer',
  },
  'withdraw-consent': { text: 'Withdraw consent', hint: 'Stop something they agreed to' },
};

/** "self" when the person asked for themself, else a representative's id. */
export const SELF = 'self';

export const Intake = form({
  personId: z.string().max(40).optional(),
  right: z.enum(RIGHTS, { error: 'Select which right the request is about' }),
  ...dateFields('receivedOn'),
  channel: z.enum(STAFF_CHANNELS, { error: 'Select how the request arrived' }),
  wording: required('Enter what the person asked for, in their own words', 4000),
  representativeId: required('Select who made the request', 40),
  refuseNoAuthority: z.literal('yes').optional(),
});
export type IntakeBody = z.infer<typeof Intake>;

/** The form's fields in page order, for an error summary in that order. */
const ORDER = ['right', 'receivedOn', 'channel', 'wording', 'representativeId', 'refuseNoAuthority'];
const rank = (href: string) => {
  const i = ORDER.findIndex((f) => href.slice(1).startsWith(f));
  return i < 0 ? ORDER.length : i;
};

export function mergeErrors(...all: (FormErrors | undefined)[]): FormErrors | undefined {
  const present = all.filter((e): e is FormErrors => Boolean(e));
  if (present.length === 0) return undefined;
  const list = present.flatMap((e) => e.list).sort((a, b) => rank(a.href) - rank(b.href));
  return { list, fields: Object.assign({}, ...present.map((e) => e.fields)) as FormErrors['fields'] };
}

/** The day received, or the design system's message; the statutory clock starts on it. */
export function receivedOnOf(body: Record<string, unknown>, today: IsoDate) {
  return readDate(body, 'receivedOn', {
    label: 'Date received',
    missing: 'Enter the date the request was received',
    notAfter: { day: today, message: 'Date received must be today or in the past' },
  });
}

/** Every problem with the typed request, schema and date together, in page order. */
export function intakeErrors(
  request: FastifyRequest,
  today: IsoDate,
): { errors?: FormErrors; failedDate?: string[]; receivedOn?: IsoDate } {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const date = receivedOnOf(typeof body === 'object' ? body : {}, today);
  const dateErrors: FormErrors | undefined = date.ok
    ? undefined
    : {
        list: [{ text: date.message, href: `#${date.href}` }],
        fields: { receivedOn: { text: date.message } },
      };
  const errors = mergeErrors(formErrors(request), dateErrors);
  return {
    ...(errors && { errors }),
    ...(!date.ok && { failedDate: date.parts }),
    ...(date.ok && date.day && { receivedOn: date.day }),
  };
}

export const rightItems = (checked?: string) =>
  RIGHTS.map((r) => ({
    value: r,
    ...RIGHT_LABELS[r],
    hint: { text: RIGHT_LABELS[r].hint },
    checked: r === checked,
  }));

export const channelItems = (checked?: string) =>
  STAFF_CHANNELS.map((c) => ({ value: c, text: CHANNEL_WORDS[c], checked: c === checked }));

export const idKindItems = (checked = 'customer-ref') =>
  ID_KINDS.map((k) => ({ value: k, text: ID_KIND_WORDS[k], checked: k === checked }));

/** Where the domain's field names are on the request form. */
export const FIELD_IDS: Record<string, string> = {
  right: 'right',
  receivedOn: 'receivedOn-day',
  channel: 'channel',
  wording: 'wording',
  representativeId: 'representativeId',
};

/**
 * Who made the request: the person, or one of the representatives on the register for them. With
 * no one on the register the person is the only possible requester, so they come chosen.
 */
export const whoItems = (name: string, representatives: PresentedRepresentative[], chosen?: string) => [
  {
    value: SELF,
    text: `${name} themself`,
    checked: chosen === SELF || (chosen === undefined && representatives.length === 0),
  },
  ...(representatives.length ? [{ divider: 'or' }] : []),
  ...representatives.map((r) => ({
    value: r.id,
    text: `${r.who} (${r.kind})`,
    hint: { text: `May act on: ${r.scope}. From ${r.from}; ${r.until.toLowerCase()}. ${r.status.text}.` },
    checked: chosen === r.id,
  })),
];
