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
import type { WebContext } from '../context.ts';
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
    action: { dueOn: (day: string | undefined) => checkDueOn(day) },
  };
}
