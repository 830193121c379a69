/**
 * HTML forms: each is a zod schema whose field names are the ids of the inputs, with messages
 * written for the person filling it in. A route declares the schema as its body with
 * attachValidation, so a bad form is shown again with GOV.UK's error summary (status 400) rather
 * than rejected as JSON, while anything that is not a form at all is still a 400.
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import { z } from 'zod';

export interface FormErrors {
  /** For govukErrorSummary: in the order of the form's fields. */
  list: { text: string; href: string }[];
  /** For each input's errorMessage. */
  fields: Record<string, { text: string }>;
}

/** A form's schema: its fields plus the CSRF token (checked by the CSRF guard, not here). */
export const form = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ ...shape, _csrf: z.string().optional() });

/** An optional text field: blank is absent. */
export const optionalText = (max = 500) =>
  z
    .string()
    .trim()
    .max(max, `This must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v || undefined);

/** Checkboxes sharing a name: none ticked posts nothing, one posts a string, several an array. */
export const checkedList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** A required text field: the message is shown when it is missing or blank. */
export const required = (message: string, max = 200) =>
  z.string({ error: message }).trim().min(1, message).max(max, `This must be ${max} characters or fewer`);

export function errorsFrom(issues: readonly { field: string; message: string }[]): FormErrors {
  const fields: FormErrors['fields'] = {};
  for (const i of issues) fields[i.field] ??= { text: i.message };
  return { list: Object.entries(fields).map(([f, m]) => ({ text: m.text, href: `#${f}` })), fields };
}

export const formError = (field: string, message: string): FormErrors => errorsFrom([{ field, message }]);

/** The form's problems when its body failed validation (attachValidation), else undefined. */
export function formErrors(request: FastifyRequest): FormErrors | undefined {
  const error = request.validationError as FastifyError | undefined;
  if (!error) return undefined;
  return errorsFrom(
    (error.validation ?? []).map((v) => ({
      field: v.instancePath.split('/').filter(Boolean)[0] ?? 'form',
      message: v.message ?? 'Check this answer',
    })),
  );
}

/** What the person typed, to show again (never the password fields or the token). */
export function echo(body: unknown, omit: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object')
    for (const [k, v] of Object.entries(body))
      if (typeof v === 'string' && k !== '_csrf' && !omit.includes(k)) out[k] = v;
  return out;
}
