/**
 * The answer to an erasure request in words the person can read: what was (or will be) deleted,
 * what is kept and why, and who else is being told, each sentence in the tense of what happened.
 * Built from a plan's view; no personal data beyond the titles and explanations the plan already
 * holds for the person.
 */
import type { ErasurePlanView } from './read.ts';
import type { RecipientToTell } from './recipients.ts';
import { tell } from './told.ts';
import { longDay } from './words.ts';

export interface ErasureLetter {
  erased: { title: string; explanation: string }[];
  kept: { title: string; explanation: string }[];
  recipients: string[];
  /** The headings, in the tense of what happened: the plan carried out, or only planned. */
  erasedHeading: string;
  recipientsHeading: string;
  text: string;
}

const HEADINGS = {
  done: {
    erased: 'We have deleted:',
    recipients:
      'These organisations have had it or may have had it, and we are telling them it has been deleted:',
  },
  planned: {
    erased: 'We will delete:',
    recipients:
      'These organisations have had it or may have had it, and we will tell them when it is deleted:',
  },
} as const;

/**
 * A recipient as the person reads it: when the log shows it received their data, or that it may
 * have. Disclosures kept from the person (crime and taxation exemption) are never named; a
 * recipient known only from those is left out unless the manifest says it may have had the data.
 */
function told(r: RecipientToTell): string | undefined {
  const days = [...new Set(r.received.filter((x) => !x.withheldFromSubject).map((x) => longDay(x.on)))];
  if (days.length) return `${r.name} (received it on ${days.join(', ')})`;
  return r.activities.length ? `${r.name} (may have received it)` : undefined;
}

export function erasureLetter(plan: ErasurePlanView): ErasureLetter {
  const done = plan.status === 'executed';
  // Each item's sentences said from their codes in the tense of what happened; words as written.
  const pick = (action: 'erase' | 'keep') =>
    plan.items
      .filter((i) => i.action === action)
      .map((i) => ({ title: i.title, explanation: tell(i.said, done ? 'did' : 'will') }));
  const erased = pick('erase');
  const kept = pick('keep');
  const recipients = plan.recipients.flatMap((r) => told(r) ?? []);
  const headings = done ? HEADINGS.done : HEADINGS.planned;
  const lines = ['Your request to erase your information', ''];
  if (erased.length) {
    lines.push(headings.erased);
    for (const e of erased) lines.push(`- ${e.title}. ${e.explanation}`);
    lines.push('');
  }
  if (kept.length) {
    lines.push('We are keeping:');
    for (const k of kept) lines.push(`- ${k.title}. ${k.explanation}`);
    lines.push('');
  }
  if (recipients.length) {
    lines.push(headings.recipients);
    for (const r of recipients) lines.push(`- ${r}`);
    lines.push('');
  }
  lines.push(
    'If you are unhappy with our answer you can complain to us, or to the Information Commissioner’s Office (ico.org.uk, 0303 123 1113), or go to court.',
  );
  return {
    erased,
    kept,
    recipients,
    erasedHeading: headings.erased,
    recipientsHeading: headings.recipients,
    text: lines.join('\n'),
  };
}
