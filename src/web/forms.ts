/**
 * HTML forms: each is a zod schema whose field names are the ids of the inputs, with messages
 * written for the person filling it in. A route declares the schema as its body with
 * attachValidation, so a bad form is shown again with GOV.UK's error summary (status 400) rather
 * than rejected as JSON, while anything that is not a form at all is still a 400.
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AccessDenied, InputError } from '../records/errors.ts';
import { RetentionInputError } from '../retention/errors.ts';
import { humanise } from './views.ts';

export interface FormErrors {
  /** For govukErrorSummary: in the order of the form's fields. */
  list: { text: string; href: string }[];
  /** For each input's errorMessage. */
  fields: Record<string, { text: string }>;
}

/** A form's schema: its fields plus the CSRF token (checked by the CSRF guard, not here). */
export const form = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ ...shape, _csrf: z.string().optional() });

/**
 * The message for a text over its limit. It starts "This", which the error summary replaces with
 * the field's name (see fieldSentence): a schema helper does not know which field it is for.
 */
export const tooLong = (max: number) => `This must be ${max.toLocaleString('en-GB')} characters or fewer`;

/** An optional text field: blank is absent. */
export const optionalText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max, tooLong(max))
    .optional()
    .transform((v) => v || undefined);

/** Checkboxes sharing a name: none ticked posts nothing, one posts a string, several an array. */
export const checkedList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** A required text field: the message is shown when it is missing or blank. */
export const required = (message: string, max = 200) =>
  z.string({ error: message }).trim().min(1, message).max(max, tooLong(max));

export function errorsFrom(issues: readonly { field: string; message: string }[]): FormErrors {
  const fields: FormErrors['fields'] = {};
  for (const i of issues) fields[i.field] ??= { text: i.message };
  return { list: Object.entries(fields).map(([f, m]) => ({ text: m.text, href: `#${f}` })), fields };
}

export const formError = (field: string, message: string): FormErrors => errorsFrom([{ field, message }]);

/** The schema's problems with the posted body, by field (none when it passed). */
function schemaIssues(request: FastifyRequest): { field: string; message: string }[] {
  const error = request.validationError as FastifyError | undefined;
  return (error?.validation ?? []).map((v) => {
    const field = v.instancePath.split('/').filter(Boolean)[0] ?? 'form';
    return { field, message: fieldSentence(field, v.message) };
  });
}

/** The form's problems when its body failed validation (attachValidation), else undefined. */
export function formErrors(request: FastifyRequest): FormErrors | undefined {
  return request.validationError ? errorsFrom(schemaIssues(request)) : undefined;
}

/**
 * The domain's own checks of single fields that need nothing but what was typed (a time not in
 * the future, an id well formed, a day that exists, what a choice needs with it): each is given
 * its field's value as the schema read it (undefined when left blank) and the other fields the
 * schema accepted, and throws the domain's refusal (an InputError) just as the write would.
 * Checks that need the database stay in the write.
 */
export type FieldChecks<T> = {
  [K in keyof T]?: (value: T[K], fields: Partial<T>) => unknown;
};

/** A domain refusal that names a field: the store's InputError or the retention module's. */
const namesField = (error: unknown): error is InputError =>
  error instanceof InputError || error instanceof RetentionInputError;

/**
 * The fields the schema accepts, as it reads them (a blank one is there, undefined): the whole
 * body when it passed, else each field read on its own, so the domain's checks can run on the
 * good ones while the others are reported.
 */
function acceptedFields(schema: z.ZodType, request: FastifyRequest): Map<string, unknown> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (!(schema instanceof z.ZodObject) || typeof body !== 'object') return new Map();
  const shape = Object.entries(schema.shape as Record<string, z.ZodType>);
  if (!request.validationError) return new Map(shape.map(([name]) => [name, body[name]]));
  const fields = new Map<string, unknown>();
  for (const [name, field] of shape) {
    const read = field.safeParse(body[name]);
    if (read.success) fields.set(name, read.data);
  }
  return fields;
}

/** The problems the domain's pure checks find in the fields the schema accepted. */
function checkIssues<T>(checks: FieldChecks<T>, fields: Map<string, unknown>) {
  const issues: { field: string; message: string }[] = [];
  const given = Object.fromEntries(fields);
  for (const [field, check] of Object.entries(checks) as [string, (v: unknown, f: unknown) => unknown][]) {
    if (!fields.has(field)) continue;
    try {
      check(fields.get(field), given);
    } catch (error) {
      if (!namesField(error)) throw error;
      issues.push({ field, message: refusalSentence(error) });
    }
  }
  return issues;
}

/**
 * Every problem with a posted form at once, in the form's order: the schema's, and the domain's
 * pure checks of each field the schema accepted (a field it refused is not checked again). The
 * person fixes them all in one go rather than meeting the domain's only after the schema's.
 * Undefined when there are none: only then may the route go on to the domain's write.
 */
export function formProblems<S extends z.ZodType>(
  request: FastifyRequest,
  schema: S,
  checks: FieldChecks<z.output<S>> = {},
): FormErrors | undefined {
  const issues = schemaIssues(request);
  issues.push(...checkIssues(checks, acceptedFields(schema, request)));
  if (issues.length === 0) return undefined;
  const order = schema instanceof z.ZodObject ? Object.keys(schema.shape as object) : [];
  const rank = (field: string) => {
    const i = order.findIndex((name) => field === name || field.startsWith(`${name}-`));
    return i < 0 ? order.length : i;
  };
  return errorsFrom(issues.sort((a, b) => rank(a.field) - rank(b.field)));
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Reasons that read as the end of a sentence whose subject is the field ("is required"). */
const PREDICATE = /^(is|are|must|should|was|were|has|have|can|cannot|does)\b/;

/**
 * A message for one field, as a sentence naming the field in words: the schemas' own messages are
 * already written so; "This must be…" gets the field's name; zod's default wording ('Invalid
 * option: expected one of "a"|"b"', 'Invalid input: expected string…') and fragments like "is
 * required" become GOV.UK-style sentences.
 */
export function fieldSentence(field: string, message: string | undefined): string {
  const label = humanise(field);
  if (!message || /received undefined$/.test(message)) return `Enter ${lowerFirst(label)}`;
  if (/^This must be/.test(message))
    return message.replace(/^This/, label).replace(/\d{4,}/g, (n) => Number(n).toLocaleString('en-GB'));
  if (/^Invalid option/.test(message)) return `Select ${lowerFirst(label)}`;
  if (/^Too big/.test(message)) return `${label} is too long`;
  if (/^Too small/.test(message)) return `${label} is too short`;
  if (/^Invalid/.test(message)) return `${label} is not valid`;
  if (PREDICATE.test(message)) return `${label} ${message}`;
  return upperFirst(message);
}

/**
 * A refusal from the domain as a sentence for the error summary: its reason in words, never the
 * module's internal field name ("customerRefs: …") nor the "access denied:" prefix.
 */
export function refusalSentence(error: InputError | AccessDenied): string {
  if (error instanceof AccessDenied) return upperFirst(error.reason);
  const field = error.field.split(/[.[]/)[0] || 'form';
  const label = humanise(field);
  if (/is not a (real )?date written/.test(error.reason)) return `${label} must be a real date`;
  if (PREDICATE.test(error.reason)) return `${label} ${error.reason}`;
  // A reason that starts with the value given ("2027-01-31 is in the future") needs the field's name.
  if (/^["\d]/.test(error.reason)) return `${label}: ${error.reason}`;
  return upperFirst(error.reason);
}

/** What the person typed, to show again (never the password fields or the token). */
export function echo(body: unknown, omit: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object')
    for (const [k, v] of Object.entries(body))
      if (typeof v === 'string' && k !== '_csrf' && !omit.includes(k)) out[k] = v;
  return out;
}
