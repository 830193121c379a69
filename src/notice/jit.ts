/**
 * The just-in-time notice: the few sentences shown where one activity's data is collected (a
 * form, a phone script), pointing to the full notice. Art. 13 information for that activity only.
 */
import { lookup } from '../manifest/lookup.ts';
import type { Manifest } from '../manifest/schema.ts';
import { RIGHTS } from '../manifest/vocabulary/law.ts';
import { describeBasis, describeRetention, namesOf, rightsForActivity } from './describe.ts';
import { joinWords, p, type NoticeDocument } from './document.ts';
import { contactFacts } from './sections/about.ts';

export class UnknownActivityError extends Error {
  constructor(
    readonly activityId: string,
    readonly suggestion?: string,
  ) {
    super(
      `"${activityId}" is not a declared activity${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
    );
  }
}

export function buildJustInTime(manifest: Manifest, activityId: string): NoticeDocument {
  const l = lookup(manifest);
  const a = l.activities.get(activityId);
  if (!a) throw new UnknownActivityError(activityId);
  const rule = a.retention ? l.retention.get(a.retention) : undefined;
  const recipients = namesOf(a.recipients, l.recipients);
  const facts: [string, string][] = [
    ['Who we are', manifest.controller.name],
    ['Why we need it', a.purpose],
    [
      'Our lawful basis',
      a.lawfulBases.map(describeBasis).join('; ') ||
        'We act for another organisation, which is the controller.',
    ],
    ['What we collect', joinWords(namesOf(a.categories, l.categories))],
  ];
  if (a.requirement)
    facts.push(['Do you have to give it?', a.requirement.consequence ?? a.requirement.required]);
  facts.push([
    'Who we share it with',
    recipients.length ? joinWords(recipients) : 'No one outside our organisation',
  ]);
  if (rule) facts.push(['How long we keep it', describeRetention(manifest, rule)]);
  facts.push([
    'Your rights',
    joinWords(rightsForActivity(a).map((r) => RIGHTS[r].label.replace(/^The right /, 'the right '))),
  ]);
  for (const b of a.lawfulBases.filter((x) => x.basis === 'consent'))
    facts.push(['Changing your mind', b.withdrawal ?? 'You can withdraw consent at any time.']);
  const contact = contactFacts(manifest)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  return {
    title: a.justInTime?.title ?? `How we use your information: ${a.name}`,
    controllerName: manifest.controller.name,
    byline: `Part of our privacy notice, version ${manifest.notice.version}`,
    summary: [a.justInTime?.summary ?? a.purpose],
    sections: [
      { id: 'details', title: 'The details', blocks: [{ kind: 'facts', items: facts }] },
      {
        id: 'more',
        title: 'Find out more',
        blocks: [
          p(
            `Our full privacy notice tells you more, including how to use your rights and complain to the ICO. Contact us: ${contact}.`,
          ),
        ],
      },
    ],
  };
}
