/**
 * Letters to the people a breach affected (UK GDPR Art. 34(2)): in clear and plain language, what
 * happened, what information was involved, the likely consequences, what has been done, what they
 * can do, and whom to contact; as text and as printable HTML. Each person's name and address is
 * read through the gate (and audited); a person the gate refuses, or who has been erased, gets no
 * letter and is counted. Writing them records them as prepared, per person; they are marked as
 * sent only when someone says they were posted (letters-sent.ts), so closing the breach knows who
 * is still waiting.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { appendAudit } from '../audit/append.ts';
import { lookup } from '../manifest/lookup.ts';
import type { Manifest } from '../manifest/schema.ts';
import { AccessDenied, InputError, NotFound } from '../records/errors.ts';
import { readPerson, type Profile } from '../records/people.ts';
import { auditEvent, manifestFor, type Call, type Store } from '../records/store.ts';
import { auditingDenials } from '../rights/requests/gate.ts';
import { checkId, ukDate } from '../rights/requests/input.ts';
import { KeyDestroyedError } from '../store/person-keys.ts';
import { loadBreach, viewOf, type BreachView } from './rows.ts';

const env = new nunjucks.Environment(
  new nunjucks.FileSystemLoader(join(dirname(fileURLToPath(import.meta.url)), 'templates')),
  { autoescape: true, throwOnUndefined: false },
);

export interface LetterContent {
  controller: string;
  controllerAddress: string[];
  recipientAddress: string[];
  date: string;
  heading: string;
  greeting: string;
  sections: { title: string; paragraphs: string[]; items: string[] }[];
  closing: string;
  signature: string;
}

const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

function greetingFor(profile: Profile): string {
  const family = str(profile.familyName);
  const title = str(profile.title);
  if (title && family) return `Dear ${title} ${family}`;
  const full = [str(profile.givenName), family].filter(Boolean).join(' ');
  return full ? `Dear ${full}` : 'Dear Sir or Madam';
}

function contactLines(manifest: Manifest): string[] {
  const c = manifest.controller;
  const dpo = [c.dpo?.email && `email ${c.dpo.email}`, c.dpo?.phone && `phone ${c.dpo.phone}`].filter(
    Boolean,
  );
  const general = c.contacts
    .filter((x) => x.kind === 'phone' || x.kind === 'email')
    .map((x) => `${x.kind} ${x.value}`);
  return [`Our ${c.dpo?.title ?? 'data protection officer'}: ${(dpo.length ? dpo : general).join(', ')}`];
}

/** The letter's words for one person; pure. */
export function letterContent(
  manifest: Manifest,
  breach: BreachView,
  profile: Profile,
  today: string,
): LetterContent {
  const categories = lookup(manifest).categories;
  const done = breach.actions.filter((a) => a.kind !== 'lesson').map((a) => a.action);
  const when = breach.occurredAt ? ukDate(breach.occurredAt) : ukDate(breach.awareAt);
  const name = [str(profile.title), str(profile.givenName), str(profile.familyName)]
    .filter(Boolean)
    .join(' ');
  return {
    controller: manifest.controller.name,
    controllerAddress: (manifest.controller.address ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    recipientAddress: [
      name,
      ...(str(profile.address)
        ?.split(',')
        .map((x) => x.trim()) ?? []),
      str(profile.postcode),
    ].filter((x): x is string => Boolean(x)),
    date: longDate(today),
    heading: 'A personal data breach that affects you',
    greeting: greetingFor(profile),
    sections: [
      {
        title: 'What happened',
        paragraphs: [breach.decision?.messageToPeople ?? '', `This happened on or about ${longDate(when)}.`],
        items: [],
      },
      {
        title: 'The information involved',
        paragraphs: breach.categories.length ? ['The information about you that was involved is:'] : [],
        items: breach.categories.map((c) => categories.get(c)?.name ?? c),
      },
      {
        title: 'What this could mean for you',
        // Written for the person when deciding to tell them; the DPO's assessment is never copied.
        paragraphs: [breach.decision?.consequencesForPeople ?? ''],
        items: [],
      },
      {
        title: 'What we have done',
        paragraphs: done.length ? [] : ['We are looking into what happened.'],
        items: done,
      },
      {
        title: 'Who to contact',
        paragraphs: [
          'If you have questions, or think you have been affected in a way we have not described, please contact us:',
          ...contactLines(manifest),
          'You also have the right to complain to the Information Commissioner’s Office (ico.org.uk, 0303 123 1113).',
        ],
        items: [],
      },
    ],
    closing: 'We are sorry that this has happened.',
    signature: `${manifest.controller.dpo?.title ?? 'Data Protection Officer'}, ${manifest.controller.shortName ?? manifest.controller.name}`,
  };
}

export function letterText(l: LetterContent): string {
  const lines = [
    l.controller,
    ...l.controllerAddress,
    '',
    ...l.recipientAddress,
    '',
    l.date,
    '',
    l.heading,
    '',
    l.greeting,
    '',
  ];
  for (const s of l.sections) {
    lines.push(s.title, ...s.paragraphs.filter(Boolean), ...s.items.map((i) => `- ${i}`), '');
  }
  lines.push(l.closing, '', l.signature);
  return `${lines.join('\n')}\n`;
}

export const letterHtml = (l: LetterContent): string => env.render('letter.njk', { l });

export interface BreachLetter {
  personId: string;
  text: string;
  html: string;
}

const PROFILE_FIELDS = ['title', 'givenName', 'familyName', 'address', 'postcode'];

/**
 * Letters for everyone affected whose letter has not been prepared (or everyone, with `again`).
 * Refused unless the decision is to tell people one by one and says what it could mean for them.
 */
export async function breachLetters(
  store: Store,
  call: Call,
  breachId: string,
  options: { again?: boolean } = {},
): Promise<{ letters: BreachLetter[]; skipped: number }> {
  const action = 'breach.letter';
  const controllerId = call.actor.controllerId;
  const manifest = manifestFor(store, controllerId);
  const breach = await auditingDenials(store, call, controllerId, action, undefined, async () => {
    const row = await loadBreach(store.db, controllerId, checkId(breachId, 'breachId'));
    if (row.people_decision === null)
      throw new InputError('breachId', 'Decide first whether to write to the people affected');
    if (row.people_decision !== 'notify')
      throw new InputError('breachId', 'The decision recorded is not to write to each person affected');
    if (!row.consequences_for_people?.trim())
      throw new InputError(
        'consequencesForPeople',
        'The decision does not say what this could mean for the people affected: record it with the decision, written for them',
      );
    return viewOf(store.db, row, store.now());
  });
  const people = await store.db.query<{ person_id: string }>(
    `select person_id from breach_affected where breach_id = $1 and ($2 or letter_prepared_at is null)
     order by added_at, person_id`,
    [breach.id, options.again === true],
  );
  const today = ukDate(store.now());
  const letters: BreachLetter[] = [];
  let skipped = 0;
  for (const { person_id: personId } of people) {
    try {
      const person = await readPerson(store, call, personId);
      const profile = Object.fromEntries(
        Object.entries(person.profile).filter(([k]) => PROFILE_FIELDS.includes(k)),
      );
      const content = letterContent(manifest, breach, profile, today);
      letters.push({ personId, text: letterText(content), html: letterHtml(content) });
    } catch (error) {
      if (!(error instanceof AccessDenied || error instanceof NotFound || error instanceof KeyDestroyedError))
        throw error;
      skipped += 1;
    }
  }
  const now = store.now();
  await store.db.transaction(async (tx) => {
    await tx.query(
      `update breach_affected set letter_prepared_at = $3 where breach_id = $1 and person_id = any($2::uuid[])`,
      [breach.id, letters.map((l) => l.personId), now],
    );
    await appendAudit(
      tx,
      letters.map((l) =>
        auditEvent(call, controllerId, now, {
          action,
          outcome: 'allowed',
          personId: l.personId,
          recordIds: [breach.id],
        }),
      ),
    );
  });
  return { letters, skipped };
}
