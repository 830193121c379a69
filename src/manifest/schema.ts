/**
 * The privacy manifest (`privacy.yaml`): one controller's declaration of what it does with
 * personal data. The shapes here are checked by zod; the rules that need the whole manifest
 * (references, the law) live in rules/. Objects are strict so a mistyped key is reported.
 */
import { z } from 'zod';
import { ART9_IDS, LAWFUL_BASIS_IDS, TRANSFER_SAFEGUARDS } from './vocabulary/law.ts';

export const MANIFEST_VERSION = 1;

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens, e.g. "tenancy-management"');
const text = z.string().trim().min(1, 'must not be empty');
// z.iso.date checks the calendar too: 1980-02-31 is refused, 2024-02-29 is not.
const isoDate = z.iso.date({ error: 'must be a real date written YYYY-MM-DD' });
/** ISO 8601 duration of whole date parts (P6Y, P6M, P30D, P1Y6M); time parts for short periods. */
export const isoDuration = z
  .string()
  .regex(
    /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/,
    'must be a positive ISO 8601 duration such as P6Y, P6M or P30D',
  );
const term = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:[A-Za-z0-9-]+$/, 'must be a vocabulary term such as pd:Contact');
const ids = z.array(id);

const registrations = z.strictObject({
  ico: z
    .string()
    .regex(/^(Z[A-Z0-9]{7}|[A-Z]{2}\d{6})$/, 'must be an ICO registration number such as ZA123456')
    .optional(),
  regulator: text.optional().describe('Regulator of Social Housing registration, e.g. L1234 or 4567'),
  society: text.optional().describe('Co-operative and Community Benefit Society number'),
  company: text.optional().describe('Companies House number'),
  charity: text.optional(),
});

const contact = z.strictObject({
  kind: z.enum(['email', 'phone', 'post', 'web', 'form', 'in-person', 'social']),
  value: text,
  label: text.optional(),
});

const person = z.strictObject({
  title: text.optional(),
  name: text.optional(),
  email: z.email('must be an email address').optional(),
  phone: text.optional(),
  address: text.optional(),
});

const entity = z.strictObject({
  id,
  name: text,
  tradingNames: z.array(text).default([]),
  registrations: registrations.default({}),
  relationship: text.optional().describe('e.g. "subsidiary", "parent", "trading name"'),
});

export const controllerSchema = z.strictObject({
  id,
  name: text,
  shortName: text.optional(),
  tradingNames: z.array(text).default([]),
  kind: z.enum(['housing-association', 'almo', 'local-authority', 'co-operative', 'charity', 'other']),
  publicAuthority: z.boolean().default(false),
  nation: z.enum(['england', 'wales', 'scotland', 'northern-ireland']),
  regulator: text.optional(),
  registrations: registrations.default({}),
  address: text.optional(),
  website: text.optional(),
  contacts: z.array(contact).min(1, 'give at least one way to contact the controller'),
  dpo: person.optional(),
  representative: person.optional(),
  entities: z.array(entity).default([]),
});

const subject = z.strictObject({
  id,
  name: text,
  description: text.optional(),
  dpv: term.optional(),
  customer: z.boolean().default(false).describe('false for people who are not the landlord’s customer'),
  mayBeChild: z.boolean().default(false),
});

export const categoryKinds = ['ordinary', 'special', 'criminal'] as const;
const category = z.strictObject({
  id,
  name: text,
  kind: z.enum(categoryKinds),
  description: text.optional(),
  examples: z.array(text).default([]),
  dpv: z.array(term).min(1, 'map the category to at least one DPV term'),
});

const source = z.strictObject({
  id,
  name: text,
  kind: z.enum(['data-subject', 'third-party', 'public', 'observed', 'derived']),
  description: text.optional(),
});

const art10 = z.strictObject({
  officialAuthority: text.optional(),
  schedule1: z.array(z.number().int().min(1).max(37)).default([]),
});

const lawfulBasis = z.strictObject({
  basis: z.enum(LAWFUL_BASIS_IDS),
  detail: text.optional().describe('the law, contract or task relied on'),
  categories: ids.optional().describe('the categories this basis covers; all of the activity’s if absent'),
  art9: z.enum(ART9_IDS).optional(),
  schedule1: z.array(z.number().int().min(1).max(37)).default([]),
  art10: art10.optional(),
  interest: text.optional().describe('the legitimate interest pursued'),
  assessment: text.optional().describe('reference to the legitimate interests assessment'),
  withdrawal: text.optional().describe('how consent is withdrawn'),
  explicit: z.boolean().default(false),
});

const transfer = z.strictObject({
  country: z
    .string()
    .regex(
      /^([A-Z]{2}|unspecified)$/,
      'must be an ISO 3166 two-letter country code such as US, or "unspecified"',
    ),
  recipient: id.optional(),
  safeguard: z.enum(Object.keys(TRANSFER_SAFEGUARDS) as [keyof typeof TRANSFER_SAFEGUARDS]).optional(),
  detail: text.optional(),
});

const automatedDecision = z.strictObject({
  id,
  name: text,
  logic: text,
  significance: text,
  humanReview: text.describe('how a person asks for a human to look again'),
  profiling: z.boolean().default(false),
});

const requirement = z.strictObject({
  required: z.enum(['statutory', 'contractual', 'contract-entry', 'optional']),
  consequence: text.optional(),
});

const activity = z.strictObject({
  id,
  name: text,
  staffName: text
    .optional()
    .describe('the name staff see in the back office, where `name` is written for residents ("your …")'),
  purpose: text,
  function: text.optional().describe('business function, for the record of processing'),
  role: z.enum(['controller', 'processor', 'joint-controller']).default('controller'),
  onBehalfOf: id.optional().describe('the recipient we act for when role is processor'),
  entities: ids.optional(),
  subjects: ids.min(1, 'name at least one data subject'),
  categories: ids.min(1, 'name at least one category'),
  sources: ids.default([]),
  lawfulBases: z.array(lawfulBasis).default([]),
  recipients: ids.default([]),
  retention: id.optional(),
  transfers: z.union([z.literal('none'), z.array(transfer)]).default('none'),
  automatedDecisions: z.union([z.literal('none'), z.array(automatedDecision)]).default('none'),
  requirement: requirement.optional(),
  systems: ids.default([]),
  dpia: z
    .strictObject({ required: z.boolean(), status: text.optional(), reference: text.optional() })
    .optional(),
  directMarketing: z.boolean().default(false),
  justInTime: z
    .strictObject({ title: text.optional(), summary: text })
    .optional()
    .describe('the short notice shown where the data is collected'),
});

const agreement = z.strictObject({
  id,
  type: z.enum([
    'data-sharing-agreement',
    'processor-contract',
    'joint-controller-arrangement',
    'memorandum-of-understanding',
    'statutory-gateway',
  ]),
  reference: text.optional(),
  start: isoDate.optional(),
  expiry: isoDate.optional(),
  review: isoDate.optional(),
  categories: ids.default([]),
  activities: ids.default([]),
});

const recipient = z.strictObject({
  id,
  name: text,
  level: z.enum(['organisation', 'category', 'representative']),
  role: z.enum(['processor', 'controller', 'joint-controller', 'public-authority']).optional(),
  description: text.optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter country code such as GB')
    .default('GB'),
  notice: text.optional().describe('where the recipient’s own privacy notice is'),
  agreements: z.array(agreement).default([]),
});

export const RETENTION_TRIGGERS = [
  'record-created',
  'record-occurred',
  'record-closed',
  'record-ended',
  'case-closed',
  'tenancy-ended',
  'customer-relationship-ended',
  'application-declined',
  'application-withdrawn',
  'job-completed',
  'employment-ended',
  'lease-ended',
  'consent-withdrawn',
] as const;

const retentionRule = z.strictObject({
  id,
  name: text.optional(),
  trigger: text.describe('one of the built-in triggers or "event:<id>" for a declared controller event'),
  period: isoDuration,
  action: z.enum(['erase', 'anonymise', 'review']),
  basis: text.optional().describe('why this period, e.g. "Limitation Act 1980"'),
  description: text.optional().describe('the period in words for the notice'),
});

const controllerEvent = z.strictObject({ id, name: text, description: text.optional() });

const fieldType = z.enum([
  'string',
  'text',
  'date',
  'datetime',
  'number',
  'money',
  'boolean',
  'enum',
  'reference',
]);
const field = z.strictObject({
  name: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'must be camelCase, e.g. "narrative"'),
  label: text.optional(),
  type: fieldType,
  category: id,
  required: z.boolean().default(false),
  values: z.array(text).optional().describe('the allowed values of an enum field'),
  identifying: z.boolean().default(false).describe('dropped when the record is anonymised'),
});

const recordType = z.strictObject({
  id,
  name: text,
  description: text.optional(),
  activities: ids.min(1, 'a record type must serve at least one activity'),
  fields: z.array(field).min(1, 'a record type needs at least one field'),
  segregated: id.optional().describe('the team that alone may see records of this type'),
  retention: id.optional().describe('overrides the activity’s retention rule'),
  lifecycle: z
    .strictObject({
      occurred: z.string().optional(),
      closed: z.string().optional(),
      ended: z.string().optional(),
    })
    .optional(),
});

const roleAccess = z.strictObject({
  recordType: id,
  fields: z.union([z.literal('*'), z.array(z.string())]),
  write: z.boolean().default(false),
  aggregate: z
    .boolean()
    .optional()
    .describe('the role may count these fields across people, never see one person’s values'),
});

const role = z.strictObject({
  id,
  name: text,
  kind: z.enum(['staff', 'third-party']),
  purposes: ids.min(1, 'a role needs at least one purpose'),
  scope: z.enum(['all', 'team', 'patch', 'assigned']).default('all'),
  team: id.optional(),
  access: z.array(roleAccess).default([]),
});

const cookie = z.strictObject({
  name: text,
  provider: text,
  purpose: text,
  category: z.enum(['essential', 'functional', 'analytics', 'marketing']),
  duration: z.union([z.literal('session'), isoDuration]),
  firstParty: z.boolean().default(true),
});

const noticeSection = z.strictObject({
  id,
  title: text,
  body: text,
  placement: z.enum(['top', 'before-rights', 'end']).default('top'),
  temporary: z.boolean().default(false),
  until: isoDate.optional(),
});

const notice = z.strictObject({
  title: text.default('Privacy notice'),
  version: text,
  effective: isoDate,
  reviewDue: isoDate.optional(),
  author: text.optional(),
  audience: text.optional(),
  summary: z.array(text).optional().describe('the short first layer; generated if absent'),
  changelog: z
    .array(
      z.strictObject({ version: text, date: isoDate, summary: text, material: z.boolean().default(false) }),
    )
    .default([]),
  sections: z.array(noticeSection).default([]),
  security: z.array(text).default([]),
  storage: text.optional().describe('where the data is held, in words'),
  howToUseRights: text.optional(),
  portal: text.optional(),
  cookieConsent: z
    .enum(['ask-first', 'ask-first-and-honour-gpc', 'browser-settings'])
    .optional()
    .describe('how the website obtains consent for non-essential cookies'),
  appropriatePolicyDocument: text
    .optional()
    .describe('where the DPA 2018 Sch. 1 Pt 4 appropriate policy document is'),
});

export const PROMISES = [
  'never-sell',
  'no-automated-decisions',
  'no-transfers-outside-uk',
  'no-marketing-without-consent',
  'no-special-category-without-condition',
] as const;

const system = z.strictObject({
  id,
  name: text,
  location: text.describe('where the data is held, e.g. "UK data centre"'),
  hostedBy: id.optional(),
});

export const manifestSchema = z.strictObject({
  manifest: z.literal(MANIFEST_VERSION, {
    error: `must be ${MANIFEST_VERSION}, the manifest format version`,
  }),
  controller: controllerSchema,
  notice,
  promises: z.array(z.enum(PROMISES)).default([]),
  subjects: z.array(subject).min(1, 'declare at least one data subject'),
  categories: z.array(category).min(1, 'declare at least one category'),
  sources: z.array(source).default([]),
  activities: z.array(activity).min(1, 'declare at least one activity'),
  recipients: z.array(recipient).default([]),
  retention: z.array(retentionRule).default([]),
  events: z.array(controllerEvent).default([]),
  recordTypes: z.array(recordType).default([]),
  roles: z.array(role).default([]),
  teams: z.array(z.strictObject({ id, name: text })).default([]),
  systems: z.array(system).default([]),
  cookies: z.array(cookie).default([]),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type Controller = Manifest['controller'];
export type Subject = Manifest['subjects'][number];
export type Category = Manifest['categories'][number];
export type Activity = Manifest['activities'][number];
export type LawfulBasis = Activity['lawfulBases'][number];
export type Recipient = Manifest['recipients'][number];
export type Agreement = Recipient['agreements'][number];
export type RetentionRule = Manifest['retention'][number];
export type RecordType = Manifest['recordTypes'][number];
export type RecordField = RecordType['fields'][number];
export type Role = Manifest['roles'][number];
export type Cookie = Manifest['cookies'][number];
export type PrivacyPromise = (typeof PROMISES)[number];
