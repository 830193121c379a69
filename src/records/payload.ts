/** Checking a record's payload against its declared type: each field's type, required fields, nothing extra. */
import { z } from 'zod';
import { PERSON_TYPE } from '../manifest/reserved.ts';
import type { RecordField, RecordType } from '../manifest/schema.ts';
import { InputError } from './errors.ts';
import { checkProfileFormats, freeText, hasUnstorable, UNSTORABLE } from './formats.ts';

// z.iso.date checks the calendar too: 1980-02-31 is refused, 2024-02-29 is not.
const isoDate = z.iso.date({ error: 'must be a real date written YYYY-MM-DD' });

/** Free text refused when it cannot be stored (formats.ts says why), cleaned otherwise. */
const storable = (schema: z.ZodString) =>
  schema.transform((raw, ctx) => {
    const checked = freeText(raw);
    if ('value' in checked) return checked.value;
    ctx.addIssue({ code: 'custom', message: checked.problem });
    return z.NEVER;
  });

function fieldSchema(field: RecordField): z.ZodType {
  switch (field.type) {
    case 'string':
      return storable(z.string().max(500, 'must be at most 500 characters'));
    case 'text':
      return storable(z.string().max(100_000, 'must be at most 100,000 characters'));
    case 'date':
      return isoDate;
    case 'datetime':
      return z.iso.datetime({ offset: true, error: 'must be a date and time such as 2026-11-23T10:00:00Z' });
    case 'number':
      return z.number({ error: 'must be a number' }).finite();
    case 'money':
      return z
        .number({ error: 'must be an amount in pounds' })
        .finite()
        .multipleOf(0.01, 'must be in whole pence');
    case 'boolean':
      return z.boolean({ error: 'must be true or false' });
    case 'enum':
      return z.enum((field.values ?? []) as [string, ...string[]]);
    case 'reference':
      return z
        .string()
        .min(1)
        .max(200)
        .refine((s) => !hasUnstorable(s), UNSTORABLE);
  }
}

const cache = new WeakMap<RecordType, z.ZodType>();

function schemaFor(type: RecordType): z.ZodType {
  let schema = cache.get(type);
  if (!schema) {
    const shape = Object.fromEntries(
      type.fields.map((f) => [f.name, f.required ? fieldSchema(f) : fieldSchema(f).optional()]),
    );
    schema = z.strictObject(shape);
    cache.set(type, schema);
  }
  return schema;
}

/**
 * The payload, checked, as it is to be stored: free text cleaned (formats.ts) and, for a person's
 * own details, identifiers in their normal form. Throws InputError naming the first bad field and why.
 */
export function checkPayload(type: RecordType, payload: unknown): Record<string, unknown> {
  const result = schemaFor(type).safeParse(payload);
  if (result.success) {
    const data = result.data as Record<string, unknown>;
    return type.id === PERSON_TYPE ? profileFormats(data) : data;
  }
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys')
    throw new InputError(`payload.${issue.keys[0]}`, `is not a field of ${type.name}`);
  const path = issue.path.length ? `payload.${issue.path.join('.')}` : 'payload';
  const field = issue.path[0];
  const missing =
    typeof field === 'string' && (payload as Record<string, unknown> | null)?.[field] === undefined;
  throw new InputError(path, missing ? 'is required' : issue.message.replace(/^Invalid input: /, ''));
}

function profileFormats(profile: Record<string, unknown>): Record<string, unknown> {
  const checked = checkProfileFormats(profile);
  if ('problem' in checked) throw new InputError(`payload.${checked.field}`, checked.problem);
  return checked.profile;
}
