/**
 * The shape of an import mapping (mapping.yaml): how the files a housing management system
 * exports become people, households, tenancies and records. Strict everywhere, so a misspelt key
 * is an error with a suggestion rather than a setting silently ignored. What the names refer to
 * (record types, fields, subjects, the purpose) is checked against the manifest in check-mapping.ts.
 */
import { z } from 'zod';

export const ENCODINGS = ['utf-8', 'utf-16le', 'windows-1252'] as const;
export const FORMATS = ['csv', 'json', 'jsonl'] as const;

const name = z.string().trim().min(1, 'must not be empty');
const constant = z.union([z.string(), z.number(), z.boolean()]);

/**
 * Where one value comes from: a column name on its own, or a column (or a constant `value`)
 * with an optional value map (`values`) and, for dates, an explicit `date` format.
 */
export const valueSchema = z.union([
  name,
  z.strictObject({
    column: name.optional().describe('the source column (CSV header) or JSON key'),
    value: constant.optional().describe('a constant, used instead of a column'),
    values: z
      .record(z.string(), constant)
      .optional()
      .describe('source code → value, e.g. { PH: phone }; a code not listed is an error'),
    date: name.optional().describe('the date format, e.g. DD/MM/YYYY, or iso'),
  }),
]);

const csvSchema = z.strictObject({
  delimiter: z.string().min(1).max(4).default(','),
  quote: z.string().length(1).default('"'),
  header: z.boolean().default(true).describe('the first line names the columns'),
  columns: z.array(name).min(1).optional().describe('the column names, when there is no header line'),
});

const peopleSchema = z.strictObject({
  key: name.optional().describe('the column holding the customer reference that links rows to this person'),
  subjectTypes: z.union([
    z.array(name).min(1),
    z.strictObject({ column: name, values: z.record(z.string(), name) }),
  ]),
  fields: z.record(z.string(), valueSchema).describe('person field → where its value comes from'),
});

const propertySchema = z.strictObject({
  address: valueSchema,
  postcode: valueSchema,
  uprn: valueSchema.optional(),
  patch: valueSchema.optional(),
});

const householdsSchema = z.strictObject({
  key: name.describe('the column grouping rows into one household'),
  person: name.optional().describe('the customer-reference column, when the source has no people of its own'),
  property: propertySchema,
  relationship: valueSchema,
  startedOn: valueSchema,
  endedOn: valueSchema.optional(),
});

const tenanciesSchema = z.strictObject({
  key: name.optional().describe('the column grouping rows into one tenancy; one per household when absent'),
  kind: valueSchema,
  startedOn: valueSchema,
  endedOn: valueSchema.optional(),
  party: valueSchema
    .optional()
    .describe('whether the row’s person is a party; sole and joint tenants when absent'),
});

const recordsSchema = z.strictObject({
  recordType: name,
  key: name
    .optional()
    .describe(
      'the column holding the source system’s own id of the record; needed when the mapping names a system',
    ),
  person: name.describe('the customer-reference column linking the record to its person'),
  when: name.optional().describe('make the record only for rows where this column has a value'),
  fields: z.record(z.string(), valueSchema),
  patch: valueSchema.optional(),
  team: valueSchema.optional(),
  assignedTo: valueSchema.optional(),
});

const sourceSchema = z.strictObject({
  match: name.optional().describe('the file name this source is for; * matches any characters'),
  format: z.enum(FORMATS),
  encoding: z.enum(ENCODINGS).default('utf-8'),
  csv: csvSchema.optional(),
  people: peopleSchema.optional(),
  households: householdsSchema.optional(),
  tenancies: tenanciesSchema.optional(),
  records: z.array(recordsSchema).optional(),
});

export const mappingSchema = z.strictObject({
  mapping: z.literal(1, 'must be 1 (the version of the mapping format)'),
  purpose: name.describe('the activity the import is for; it must cover every record type imported'),
  controller: name.optional(),
  system: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens, e.g. orchard-housing')
    .max(64)
    .optional()
    .describe(
      'the housing management system the export comes from; makes re-importing it change only what changed',
    ),
  patches: z
    .array(name)
    .min(1)
    .optional()
    .describe(
      'the housing patches staff are given (custos staff add --patch); needed when a patch is imported, and a row with any other patch is refused',
    ),
  sources: z.array(sourceSchema).min(1, 'must list at least one source'),
});

export type Mapping = z.infer<typeof mappingSchema>;
export type SourceSpec = Mapping['sources'][number];
export type ValueSpec = z.infer<typeof valueSchema>;
export type PeopleSpec = NonNullable<SourceSpec['people']>;
export type HouseholdsSpec = NonNullable<SourceSpec['households']>;
export type TenanciesSpec = NonNullable<SourceSpec['tenancies']>;
export type RecordsSpec = NonNullable<SourceSpec['records']>[number];
export type CsvOptions = z.infer<typeof csvSchema>;

/** The long form of a value spec: a bare string is a column. */
export function expand(spec: ValueSpec): Exclude<ValueSpec, string> {
  return typeof spec === 'string' ? { column: spec } : spec;
}
