/**
 * The answer to an erasure request in words the person can read: what was (or will be) deleted,
 * what is kept and why, and who else is being told. Built from a plan's view; no personal data
 * beyond the titles and explanations the plan already holds for the person.
 */
import type { ErasurePlanView } from './read.ts';

export interface ErasureLetter {
  erased: { title: string; explanation: string }[];
  kept: { title: string; explanation: string }[];
  recipients: string[];
  text: string;
}

export function erasureLetter(plan: ErasurePlanView): ErasureLetter {
  const pick = (action: 'erase' | 'keep') =>
    plan.items
      .filter((i) => i.action === action)
      .map((i) => ({ title: i.title, explanation: i.explanation }));
  const erased = pick('erase');
  const kept = pick('keep');
  const recipients = plan.recipients.map((r) => r.name);
  const done = plan.status === 'executed';
  const lines = ['Your request to erase your information', ''];
  if (erased.length) {
    lines.push(done ? 'We have deleted:' : 'We will delete:');
    for (const e of erased) lines.push(`- ${e.title}. ${e.explanation}`);
    lines.push('');
  }
  if (kept.length) {
    lines.push('We are keeping:');
    for (const k of kept) lines.push(`- ${k.title}. ${k.explanation}`);
    lines.push('');
  }
  if (recipients.length) {
    lines.push(
      done
        ? 'These organisations may have had it, and we are telling them it has been deleted:'
        : 'These organisations may have had it, and we will tell them when it is deleted:',
    );
    for (const r of recipients) lines.push(`- ${r}`);
    lines.push('');
  }
  lines.push(
    'If you are unhappy with our answer you can complain to us, or to the Information Commissioner’s Office (ico.org.uk, 0303 123 1113), or go to court.',
  );
  return { erased, kept, recipients, text: lines.join('\n') };
}
