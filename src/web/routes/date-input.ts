/**
 * The GOV.UK date input pattern (day, month and year boxes named `<name>-day`, `-month`, `-year`):
 * the form fields, reading them into a YYYY-MM-DD day, and the design system's error messages,
 * each pointing at the first box that needs fixing.
 */
import { z } from 'zod';
import { isIsoDate, type IsoDate } from '../../rights/clock/index.ts';

const PARTS = ['day', 'month', 'year'] as const;
type Part = (typeof PARTS)[number];

const box = (max: number) => z.string().max(max, 'Enter a number').optional();

/** The three boxes of one date, to spread into a form's schema. */
export function dateFields<N extends string>(name: N) {
  return {
    [`${name}-day`]: box(4),
    [`${name}-month`]: box(4),
    [`${name}-year`]: box(6),
  } as Record<`${N}-${Part}`, ReturnType<typeof box>>;
}

export interface DateRule {
  /** How the question names the date in messages, e.g. "Date received". */
  label: string;
  /** The message when nothing is entered; without it the date is optional. */
  missing?: string;
  /** The latest day allowed, with the message when the date is after it. */
  notAfter?: { day: IsoDate; message: string };
  /** The earliest day allowed, with the message when the date is before it. */
  notBefore?: { day: IsoDate; message: string };
}

export type DateResult =
  { ok: true; day: IsoDate | undefined } | { ok: false; href: string; message: string; parts: Part[] };

/** Read a date typed into the boxes of `name` in `body`, checked against the rule. */
export function readDate(body: Record<string, unknown>, name: string, rule: DateRule): DateResult {
  const value = (p: Part) => String(body[`${name}-${p}`] ?? '').trim();
  const typed = Object.fromEntries(PARTS.map((p) => [p, value(p)])) as Record<Part, string>;
  const fail = (message: string, parts: Part[] = [...PARTS]): DateResult => ({
    ok: false,
    href: `${name}-${parts[0]}`,
    message,
    parts,
  });
  const empty = PARTS.filter((p) => !typed[p]);
  if (empty.length === 3) return rule.missing ? fail(rule.missing) : { ok: true, day: undefined };
  if (empty.length === 2) return fail(`${rule.label} must include a ${empty.join(' and a ')}`, empty);
  if (empty.length === 1) return fail(`${rule.label} must include a ${empty[0]}`, empty);
  const numeric = PARTS.filter((p) => !/^\d+$/.test(typed[p]));
  if (numeric.length) return fail(`${rule.label} must be a real date`, numeric);
  if (typed.year.length !== 4) return fail(`Year must include 4 numbers`, ['year']);
  const day = `${typed.year}-${typed.month.padStart(2, '0')}-${typed.day.padStart(2, '0')}`;
  if (typed.day.length > 2 || typed.month.length > 2 || !isIsoDate(day))
    return fail(`${rule.label} must be a real date`);
  if (rule.notAfter && day > rule.notAfter.day) return fail(rule.notAfter.message);
  if (rule.notBefore && day < rule.notBefore.day) return fail(rule.notBefore.message);
  return { ok: true, day };
}

/** The boxes of a date for govukDateInput, marked where the error is. */
export function dateItems(values: Record<string, string> | undefined, name: string, failed?: Part[]) {
  return PARTS.map((p) => ({
    name: p,
    label: p.charAt(0).toUpperCase() + p.slice(1),
    value: values?.[`${name}-${p}`],
    classes: `govuk-input--width-${p === 'year' ? 4 : 2}${failed?.includes(p) ? ' govuk-input--error' : ''}`,
  }));
}
