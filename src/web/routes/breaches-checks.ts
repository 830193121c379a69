/**
 * The breach register's own checks of single fields that need nothing but what was typed (times
 * not in the future, nor an incident after its discovery; at least one kind of breach; categories
 * the manifest declares; a real due day), run with the forms' schemas so that every problem is
 * shown at once (formProblems in forms.ts). The register runs them again when it writes.
 */
import {
  checkDeclared,
  checkDueOn,
  checkInstant,
  checkOccurredAt,
  checkPastInstant,
  checkTypes,
} from '../../breaches/index.ts';
import { lookup } from '../../manifest/lookup.ts';
import { InputError } from '../../records/errors.ts';
import type { WebContext } from '../context.ts';
import { errorsFrom, type FormErrors } from '../forms.ts';
import { humanise } from '../views.ts';
import { formInstant } from './breaches-view.ts';

/** A time typed on a form, not in the future (datetime-local is UK time: formInstant). */
const pastInstant = (value: string, field: string, now: Date) =>
  checkPastInstant(formInstant(value, field), field, now);

/** When the controller became aware, if it was typed well; a bad one is reported on its own field. */
function awareOf(value: string | undefined): Date | undefined {
  try {
    return value ? checkInstant(formInstant(value, 'awareAt'), 'awareAt') : undefined;
  } catch {
    return undefined;
  }
}

export function breachChecks(ctx: WebContext) {
  const now = () => ctx.store.now();
  return {
    newBreach: {
      types: (types: string[]) => checkTypes(types),
      awareAt: (at: string) => pastInstant(at, 'awareAt', now()),
      occurredAt: (at: string | undefined, fields: { awareAt?: string }) =>
        at && checkOccurredAt(formInstant(at, 'occurredAt'), awareOf(fields.awareAt), now()),
      categories: (ids: string[]) =>
        checkDeclared(ids, lookup(ctx.manifest).categories, 'categories', 'a category'),
      activities: (ids: string[]) =>
        checkDeclared(ids, lookup(ctx.manifest).activities, 'activities', 'a processing activity'),
    },
    report: { reportedAt: (at: string) => pastInstant(at, 'reportedAt', now()) },
    action: { dueOn: dueOn },
    lettersSent: { sentAt: (at: string) => pastInstant(at, 'sentAt', now()) },
    suspected: { noticedAt: (at: string) => pastInstant(at, 'noticedAt', now()) },
    triage: { breachTypes: (types: string[]) => checkTypes(types) },
  };
}

/** A due day typed on the form: a real day, said with an example rather than a pattern. */
function dueOn(day: string | undefined) {
  try {
    return checkDueOn(day);
  } catch {
    throw new InputError('dueOn', 'must be a real date, written like 2026-12-01');
  }
}

/**
 * The breach pages' fields as their labels say them, so a problem names the field the person sees
 * ("What happened must be…", not "Summary must be…").
 */
const LABELS: Record<string, string> = {
  summary: 'What happened',
  occurredAt: 'When it happened',
  awareAt: 'When we became aware',
  approxPeople: 'About how many people',
  consequences: 'The likely consequences',
  reasons: 'The reasons for the assessment',
  icoReasons: 'The reasons about the ICO',
  peopleReasons: 'The reasons about the people',
  messageToPeople: 'What the people affected are told',
  consequencesForPeople: 'What this could mean for them',
  revisionReason: 'Why it is being changed',
  decisionRevisionReason: 'Why it is being changed',
  reportStands: 'That the report to the ICO stands',
  reportedAt: 'When the report was made',
  sentAt: 'When the letters were posted',
  noticedAt: 'When you noticed it',
  breachTypes: 'What kind of breach',
  dueOn: 'Due date',
  windowFrom: 'From',
  windowTo: 'To',
  actor: 'Username',
  breachId: 'The breach',
};

/** The problems with each field's generic name replaced by its label on the page. */
export function labelled(errors: FormErrors): FormErrors {
  return errorsFrom(
    Object.entries(errors.fields).map(([field, { text }]) => {
      const generic = humanise(field);
      const label = LABELS[field];
      return {
        field,
        message: label && text.startsWith(generic) ? `${label}${text.slice(generic.length)}` : text,
      };
    }),
  );
}
