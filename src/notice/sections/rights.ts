/** Your rights (only those that apply), how to use them, automated decisions, cookies, complaints, changes. */
import type { Manifest } from '../../manifest/schema.ts';
import { RIGHTS, type RightId } from '../../manifest/vocabulary/law.ts';
import { dayWords, periodWords } from '../../manifest/words.ts';
import { rightsForActivity } from '../describe.ts';
import { h3, joinWords, list, p, type Block, type Section } from '../document.ts';
import { contactFacts } from './about.ts';

const RIGHT_WORDS: Record<RightId, string> = {
  informed: 'to be told how we use your information, as this notice does.',
  access: 'to ask for a copy of the information we hold about you (a subject access request).',
  rectification: 'to have inaccurate or incomplete information corrected.',
  erasure: 'to ask us to delete your information where we no longer have a reason to keep it.',
  restriction:
    'to ask us to restrict how we use your information, for example while you contest its accuracy.',
  portability:
    'to receive the information you gave us in a structured, machine-readable form, or have it sent to another organisation.',
  objection: 'to object to our using your information, and to stop direct marketing at any time.',
  'automated-decisions':
    'not to be subject to a decision made solely by automated means without safeguards, and to ask for a person to review it.',
  'withdraw-consent': 'to withdraw your consent at any time, as easily as you gave it.',
  complain: 'to complain to the Information Commissioner’s Office (ICO).',
};

export function yourRights(manifest: Manifest): Section {
  const applies = new Map<RightId, string[]>();
  for (const a of manifest.activities.filter((x) => x.role !== 'processor')) {
    for (const r of rightsForActivity(a)) applies.set(r, [...(applies.get(r) ?? []), a.name]);
  }
  const total = manifest.activities.filter((x) => x.role !== 'processor').length;
  const items = (Object.keys(RIGHTS) as RightId[])
    .filter((r) => applies.has(r))
    .map((r) => {
      const where = applies.get(r)!;
      const scope = where.length === total ? '' : ` This applies to: ${joinWords(where)}.`;
      return `${RIGHTS[r].label} (${RIGHTS[r].article}): ${RIGHT_WORDS[r]}${scope}`;
    });
  return {
    id: 'your-rights',
    title: 'Your rights',
    blocks: [
      p('Which rights you have depends on why we use your information. You have these rights:'),
      list(items),
    ],
  };
}

export function howToUseRights(manifest: Manifest): Section {
  const n = manifest.notice;
  const blocks: Block[] = [];
  if (n.howToUseRights) blocks.push(p(n.howToUseRights));
  blocks.push(p('To use any of your rights, contact us:'), { kind: 'facts', items: contactFacts(manifest) });
  if (n.portal) blocks.push(p(`You can also make and track a request in our resident portal: ${n.portal}`));
  blocks.push(
    p(
      'It is free. We will reply within one month of receiving your request, or of receiving anything we need to confirm who you are. If your request is complex we may take up to two more months; if so we will tell you why within the first month. Someone else, such as a solicitor, advocate or family member, can ask for you if you authorise them.',
    ),
  );
  return { id: 'using-your-rights', title: 'How to use your rights', blocks };
}

export function automatedDecisions(manifest: Manifest): Section {
  const decisions = manifest.activities.flatMap((a) =>
    a.automatedDecisions === 'none' ? [] : a.automatedDecisions.map((d) => ({ a, d })),
  );
  if (decisions.length === 0) {
    return {
      id: 'automated-decisions',
      title: 'Automated decisions',
      blocks: [p('We do not make decisions about you by automated means alone.')],
    };
  }
  const blocks: Block[] = decisions.flatMap(({ a, d }) => [
    h3(`${d.name} (${a.name})`),
    {
      kind: 'facts',
      items: [
        ['How it works', d.logic],
        ['What it means for you', d.significance],
        ['Asking for a person to review it', d.humanReview],
      ],
    },
  ]);
  return { id: 'automated-decisions', title: 'Automated decisions', blocks };
}

const COOKIE_CATEGORY_WORDS = {
  essential: 'Strictly necessary',
  functional: 'Functional',
  analytics: 'Analytics',
  marketing: 'Marketing',
} as const;

const CONSENT_WORDS = {
  'ask-first': 'We set any other cookie only if you agree, and you can change your mind at any time.',
  'ask-first-and-honour-gpc':
    'We set any other cookie only if you agree, and you can change your mind at any time. We treat the Global Privacy Control signal from your browser as a refusal.',
  'browser-settings': 'You can refuse or delete cookies in your browser settings.',
} as const;

function cookieIntro(manifest: Manifest, optional: boolean): string {
  if (!optional) return 'Our website uses only cookies that are strictly necessary to make it work.';
  const how = manifest.notice.cookieConsent ? ` ${CONSENT_WORDS[manifest.notice.cookieConsent]}` : '';
  return `Our website uses cookies. Strictly necessary cookies make it work; the others are listed below.${how}`;
}

export function cookies(manifest: Manifest): Section | undefined {
  if (manifest.cookies.length === 0) return undefined;
  const optional = manifest.cookies.some((c) => c.category !== 'essential');
  const rows = manifest.cookies.map((c) => [
    c.name,
    `${c.provider}${c.firstParty ? '' : ' (third party)'}`,
    c.purpose,
    COOKIE_CATEGORY_WORDS[c.category],
    c.duration === 'session' ? 'Until you close your browser' : periodWords(c.duration),
  ]);
  return {
    id: 'cookies',
    title: 'Cookies',
    blocks: [
      p(cookieIntro(manifest, optional)),
      {
        kind: 'table',
        caption: 'Cookies we use',
        head: ['Cookie', 'Set by', 'Purpose', 'Type', 'How long'],
        rows,
      },
    ],
  };
}

export function complaints(manifest: Manifest): Section {
  const c = manifest.controller;
  const dpoContact = c.dpo?.email ?? c.dpo?.address ?? c.dpo?.phone;
  const firstContact = c.contacts[0]?.value;
  const dpo = dpoContact
    ? ` or our ${(c.dpo?.title ?? 'data protection officer').toLowerCase()} at ${dpoContact}`
    : firstContact
      ? ` at ${firstContact}`
      : '';
  return {
    id: 'complaints',
    title: 'Complaints and the ICO',
    blocks: [
      p(
        `If you are unhappy with how we have used your information, please tell us first${dpo}. We will acknowledge your complaint within 30 days.`,
      ),
      p(
        'You can also complain to the Information Commissioner’s Office (ICO): www.ico.org.uk/make-a-complaint, telephone 0303 123 1113, or Information Commissioner’s Office, Wycliffe House, Water Lane, Wilmslow, Cheshire, SK9 5AF.',
      ),
    ],
  };
}

export function changes(manifest: Manifest): Section {
  const n = manifest.notice;
  const blocks: Block[] = [
    p(
      `This is version ${n.version} of this notice, in effect from ${dayWords(n.effective)}.${n.reviewDue ? ` We will review it by ${dayWords(n.reviewDue)}.` : ''} We will tell you about significant changes before they take effect.`,
    ),
  ];
  if (n.changelog.length) {
    blocks.push({
      kind: 'table',
      caption: 'Changes to this notice',
      head: ['Version', 'Date', 'What changed'],
      rows: n.changelog.map((c) => [c.version, dayWords(c.date), c.summary]),
    });
  }
  return { id: 'changes', title: 'Changes to this notice', blocks };
}
