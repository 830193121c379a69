/**
 * A form for a record type, made from the manifest's fields: a text box for a short string or a
 * reference, a textarea for free text, radios (or a select, for a long list) for an enum, yes/no
 * radios for true or false, the GOV.UK date boxes for a date, a date-and-time box (UK time) for a
 * moment. Reading it back finds every problem at once, each naming its field; the records module
 * checks the payload against the type again when it writes.
 */
import type { RecordField } from '../manifest/schema.ts';
import { isIsoDate } from '../rights/clock/index.ts';
import { fieldLabel } from './present.ts';
import { dateItems, readDate } from './routes/date-input.ts';
import { formInstant } from './routes/breaches-view.ts';
import type { FormErrors } from './forms.ts';

/** An enum with more choices than this is a select rather than radios. */
const MOST_RADIOS = 8;
const MAX_LENGTH: Partial<Record<RecordField['type'], number>> = {
  string: 500,
  reference: 200,
  text: 100_000,
};

export type Control = 'input' | 'textarea' | 'radios' | 'select' | 'date' | 'datetime' | 'number' | 'money';

export interface FieldInput {
  name: string;
  label: string;
  control: Control;
  required: boolean;
  /** For radios and selects: the choices, yes/no for true or false. */
  items?: { value: string; text: string; checked?: boolean; selected?: boolean }[];
  value?: string;
  error?: { text: string };
  /** For a date: the three boxes, marked where wrong. */
  dateItems?: ReturnType<typeof dateItems>;
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

function controlOf(f: RecordField): Control {
  switch (f.type) {
    case 'text':
      return 'textarea';
    case 'enum':
      return (f.values?.length ?? 0) > MOST_RADIOS ? 'select' : 'radios';
    case 'boolean':
      return 'radios';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'number':
      return 'number';
    case 'money':
      return 'money';
    default:
      return 'input';
  }
}

function choicesOf(f: RecordField, value: string | undefined, control: Control) {
  const choices =
    f.type === 'boolean'
      ? [
          { value: 'yes', text: 'Yes' },
          { value: 'no', text: 'No' },
        ]
      : (f.values ?? []).map((v) => ({
          value: v,
          text: v.charAt(0).toUpperCase() + v.slice(1).replace(/-/g, ' '),
        }));
  const marked = choices.map((c) => ({
    ...c,
    [control === 'select' ? 'selected' : 'checked']: c.value === value,
  }));
  return control === 'select' ? [{ value: '', text: 'Choose one' }, ...marked] : marked;
}

/** The form's inputs for these fields, with what was typed and the problems found. */
export function recordInputs(
  fields: readonly RecordField[],
  values: Record<string, string> = {},
  errors?: FormErrors,
  failedDates: Record<string, ('day' | 'month' | 'year')[]> = {},
): FieldInput[] {
  return fields.map((f) => {
    const control = controlOf(f);
    const error =
      errors?.fields[f.name] ??
      Object.entries(errors?.fields ?? {}).find(([k]) => k.startsWith(`${f.name}-`))?.[1];
    return {
      name: f.name,
      label: fieldLabel(f) + (f.required ? '' : ' (optional)'),
      control,
      required: f.required,
      value: values[f.name],
      ...(error && { error }),
      ...((control === 'radios' || control === 'select') && { items: choicesOf(f, values[f.name], control) }),
      ...(control === 'date' && { dateItems: dateItems(values, f.name, failedDates[f.name]) }),
    };
  });
}

type Read = { value?: unknown } | { problem: string; at?: string; parts?: ('day' | 'month' | 'year')[] };

const MONEY = /^£?\s*(\d{1,3}(,\d{3})*|\d+)(\.\d{1,2})?$/;

/** One field as typed: its value for the payload (absent when left blank), or what is wrong. */
function readField(f: RecordField, body: Record<string, unknown>): Read {
  const label = fieldLabel(f);
  if (f.type === 'date') {
    const read = readDate(body, f.name, {
      label,
      missing: f.required ? `Enter ${lowerFirst(label)}` : undefined,
    });
    return read.ok ? { value: read.day } : { problem: read.message, at: read.href, parts: read.parts };
  }
  const raw = body[f.name];
  const typed = typeof raw === 'string' ? raw.trim() : '';
  const choose = f.type === 'enum' || f.type === 'boolean';
  if (!typed) return f.required ? { problem: `${choose ? 'Select' : 'Enter'} ${lowerFirst(label)}` } : {};
  const max = MAX_LENGTH[f.type];
  if (max && typed.length > max)
    return { problem: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` };
  switch (f.type) {
    case 'enum':
      return f.values?.includes(typed) ? { value: typed } : { problem: `Select ${lowerFirst(label)}` };
    case 'boolean':
      return typed === 'yes' || typed === 'no'
        ? { value: typed === 'yes' }
        : { problem: `Select ${lowerFirst(label)}` };
    case 'number':
      return Number.isFinite(Number(typed))
        ? { value: Number(typed) }
        : { problem: `${label} must be a number` };
    case 'money':
      return MONEY.test(typed)
        ? { value: Number(typed.replace(/[£,\s]/g, '')) }
        : { problem: `${label} must be an amount in pounds, like 12.50` };
    case 'datetime':
      // A day that does not exist (30 February) would otherwise roll over into March.
      if (!isIsoDate(typed.slice(0, 10))) return { problem: `${label} must be a real date and time` };
      try {
        return { value: formInstant(typed, f.name) };
      } catch {
        return { problem: `${label} must be a real date and time` };
      }
    default:
      return { value: typed };
  }
}

export interface RecordFormRead {
  payload: Record<string, unknown>;
  issues: { field: string; message: string }[];
  failedDates: Record<string, ('day' | 'month' | 'year')[]>;
}

/** Read the posted form into a payload, with every field's problem in the form's order. */
export function readRecordForm(
  fields: readonly RecordField[],
  body: Record<string, unknown>,
): RecordFormRead {
  const out: RecordFormRead = { payload: {}, issues: [], failedDates: {} };
  for (const f of fields) {
    const read = readField(f, body);
    if ('problem' in read) {
      out.issues.push({ field: read.at ?? f.name, message: read.problem });
      if (read.parts) out.failedDates[f.name] = read.parts;
    } else if (read.value !== undefined) out.payload[f.name] = read.value;
  }
  return out;
}
