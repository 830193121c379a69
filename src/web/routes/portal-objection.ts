/**
 * The uses a resident may object to (UK GDPR Art. 21) when making an objection in the portal:
 * the activities that apply to them (portal-uses.ts) resting on legitimate interests or public
 * task, or that are direct marketing, then all direct marketing (an absolute right, Art. 21(3)).
 * What they pick goes into the request in words, one line per use, with anything they add: the
 * caseworker records an objection for each on the request (src/rights/objection).
 */
import type { Activity } from '../../manifest/schema.ts';
import type { Call } from '../../records/store.ts';
import { groundFor } from '../../rights/objection/index.ts';
import type { WebContext } from '../context.ts';
import { errorsFrom, type FormErrors } from '../forms.ts';
import { yourActivities } from './portal-uses.ts';

/** The choice meaning all direct marketing rather than one use. */
export const ALL_DIRECT_MARKETING = 'all-direct-marketing';

export interface UseChoice {
  value: string;
  text: string;
  hint: { text: string };
  checked?: boolean;
}

function choiceFor(a: Activity): UseChoice {
  return { value: a.id, text: a.name, hint: { text: a.purpose } };
}

/** The uses this person may object to, in the manifest's order, then all direct marketing. */
export async function objectionChoices(ctx: WebContext, call: Call, personId: string): Promise<UseChoice[]> {
  const uses = (await yourActivities(ctx, call, personId)).filter((a) => groundFor(a));
  return [
    ...uses.map(choiceFor),
    {
      value: ALL_DIRECT_MARKETING,
      text: 'All direct marketing',
      hint: { text: 'We will stop sending you marketing of any kind. You do not need to give a reason.' },
    },
  ];
}

/** The choices with the picked ones ticked, to show the form again. */
export const ticked = (choices: readonly UseChoice[], picked: readonly string[]): UseChoice[] =>
  choices.map((c) => ({ ...c, checked: picked.includes(c.value) }));

/** What is wrong with an objection's picks and words, if anything. */
export function objectionProblem(
  choices: readonly UseChoice[],
  picked: readonly string[],
  words: string | undefined,
): FormErrors | undefined {
  const known = new Set(choices.map((c) => c.value));
  if (picked.some((p) => !known.has(p)))
    return errorsFrom([{ field: 'uses', message: 'Select uses of your information from the list' }]);
  if (!picked.length && !words)
    return errorsFrom([
      {
        field: 'uses',
        message: 'Select the uses of your information you object to, or tell us in your words',
      },
    ]);
  return undefined;
}

/** The request's wording: the uses picked, one a line, then the person's own words. */
export function objectionWording(
  choices: readonly UseChoice[],
  picked: readonly string[],
  words: string | undefined,
): string | undefined {
  const names = choices.filter((c) => picked.includes(c.value)).map((c) => `- ${c.text}`);
  const parts = [
    names.length ? `I object to these uses of my information:\n${names.join('\n')}` : '',
    words ?? '',
  ];
  return parts.filter(Boolean).join('\n\n') || undefined;
}
