/** The notice's first half: who we are, whom it covers, what we collect, why and on what basis. */
import { basisCategories, lookup } from '../../manifest/lookup.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { describeArt9, describeBasis, describeSchedule1, namesOf } from '../describe.ts';
import { h3, joinWords, list, p, type Block, type Section } from '../document.ts';

const CONTACT_LABELS = {
  email: 'Email',
  phone: 'Phone',
  post: 'Post',
  web: 'Website',
  form: 'Online form',
  'in-person': 'In person',
  social: 'Social media',
} as const;

export function contactFacts(manifest: Manifest): [string, string][] {
  const c = manifest.controller;
  const facts: [string, string][] = c.contacts.map((x) => [x.label ?? CONTACT_LABELS[x.kind], x.value]);
  if (c.address && !c.contacts.some((x) => x.kind === 'post')) facts.push(['Address', c.address]);
  if (c.website && !c.contacts.some((x) => x.kind === 'web')) facts.push(['Website', c.website]);
  return facts;
}

function registrationFacts(r: Manifest['controller']['registrations']): [string, string][] {
  const facts: [string, string][] = [];
  if (r.ico) facts.push(['ICO registration number', r.ico]);
  if (r.regulator) facts.push(['Regulator of Social Housing registration', r.regulator]);
  if (r.society) facts.push(['Registered society number', r.society]);
  if (r.company) facts.push(['Company number', r.company]);
  if (r.charity) facts.push(['Charity number', r.charity]);
  return facts;
}

export function whoWeAre(manifest: Manifest): Section {
  const c = manifest.controller;
  const blocks: Block[] = [
    p(
      `${c.name}${c.shortName ? ` (“${c.shortName}”)` : ''} is the controller of your personal data: we decide why and how it is used.` +
        (c.regulator ? ` We are regulated by the ${c.regulator.replace(/^the /i, '')}.` : ''),
    ),
  ];
  if (c.tradingNames.length) blocks.push(p(`We also trade as ${joinWords(c.tradingNames)}.`));
  blocks.push({ kind: 'facts', items: [...registrationFacts(c.registrations), ...contactFacts(manifest)] });
  if (c.entities.length) {
    blocks.push(
      h3('Our group'),
      p('This notice also covers these organisations, which share our data protection officer:'),
    );
    blocks.push(
      list(
        c.entities.map((e) => {
          const regs = registrationFacts(e.registrations).map(([k, v]) => `${k} ${v}`);
          const trading = e.tradingNames.length ? `, trading as ${joinWords(e.tradingNames)}` : '';
          return `${e.name}${trading}${e.relationship ? ` (${e.relationship})` : ''}${regs.length ? ` – ${regs.join(', ')}` : ''}`;
        }),
      ),
    );
  }
  if (c.dpo) {
    const dpo = [c.dpo.name, c.dpo.email, c.dpo.phone, c.dpo.address].filter(Boolean).join(', ');
    blocks.push(
      h3(c.dpo.title ?? 'Data protection officer'),
      p(`You can contact our ${(c.dpo.title ?? 'data protection officer').toLowerCase()}: ${dpo}.`),
    );
  }
  if (c.representative) {
    const r = c.representative;
    const rep = [r.name, r.email, r.phone, r.address].filter(Boolean).join(', ');
    blocks.push(p(`${r.title ?? 'Our representative'}: ${rep}.`));
  }
  return { id: 'who-we-are', title: 'Who we are', blocks };
}

export function whoThisIsAbout(manifest: Manifest): Section {
  return {
    id: 'who-this-is-about',
    title: 'Whose information this notice covers',
    blocks: [
      ...(manifest.notice.audience ? [p(manifest.notice.audience)] : []),
      list(manifest.subjects.map((s) => (s.description ? `${s.name}: ${s.description}` : s.name))),
    ],
  };
}

export function whatWeCollect(manifest: Manifest): Section {
  const categoryRows = manifest.categories.map((c) => {
    const kind =
      c.kind === 'special'
        ? ' (special category data)'
        : c.kind === 'criminal'
          ? ' (criminal offence data)'
          : '';
    const detail = [c.description, c.examples.length ? `for example ${joinWords(c.examples)}` : undefined]
      .filter(Boolean)
      .join('; ');
    return `${c.name}${kind}${detail ? ` – ${detail}` : ''}`;
  });
  const sources = manifest.sources.map((s) => (s.description ? `${s.name}: ${s.description}` : s.name));
  const blocks: Block[] = [p('Depending on how you deal with us, we may hold:'), list(categoryRows)];
  if (sources.length) blocks.push(h3('Where we get it from'), list(sources));
  return { id: 'what-we-collect', title: 'What we collect and where we get it from', blocks };
}

const REQUIREMENT_WORDS = {
  statutory: 'The law requires us to collect this.',
  contractual: 'Our contract with you requires this.',
  'contract-entry': 'We need this before we can enter into a contract with you.',
  optional: 'You do not have to give us this.',
} as const;

export function whyWeUseIt(manifest: Manifest): Section {
  const { categories, subjects } = lookup(manifest);
  const blocks: Block[] = [];
  for (const a of manifest.activities) {
    blocks.push(h3(a.name), p(a.purpose));
    const facts: [string, string][] = [
      ['Whose information', joinWords(namesOf(a.subjects, subjects))],
      ['What information', joinWords(namesOf(a.categories, categories))],
    ];
    if (a.role === 'processor') {
      const on = a.onBehalfOf ? lookup(manifest).recipients.get(a.onBehalfOf)?.name : undefined;
      facts.push([
        'Our role',
        `We act as a processor${on ? ` for ${on}` : ''}, which is the controller and decides the lawful basis.`,
      ]);
    }
    for (const b of a.lawfulBases) {
      const covers = b.categories ? ` (for ${joinWords(namesOf(b.categories, categories))})` : '';
      facts.push(['Lawful basis', describeBasis(b) + covers]);
    }
    for (const b of a.lawfulBases.filter((x) => x.basis === 'legitimate-interests' && x.interest)) {
      facts.push([
        'Our legitimate interest',
        `${b.interest}. We have balanced this against your interests and rights.`,
      ]);
    }
    const withdrawals = [
      ...new Set(a.lawfulBases.filter((x) => x.basis === 'consent').map((x) => x.withdrawal ?? '')),
    ];
    if (withdrawals.length) {
      facts.push([
        'Withdrawing consent',
        `You can withdraw your consent at any time. ${withdrawals.join(' ')}`.trim(),
      ]);
    }
    if (a.requirement)
      facts.push([
        'Do you have to give it?',
        `${REQUIREMENT_WORDS[a.requirement.required]} ${a.requirement.consequence ?? ''}`.trim(),
      ]);
    blocks.push({ kind: 'facts', items: facts });
  }
  return { id: 'why-we-use-it', title: 'Why we use it and our lawful basis', blocks };
}

export function specialCategoryData(manifest: Manifest): Section | undefined {
  const { categories } = lookup(manifest);
  const rows: string[][] = [];
  for (const a of manifest.activities) {
    for (const b of a.lawfulBases) {
      const sensitive = basisCategories(a, b).filter(
        (c) => categories.get(c)?.kind !== 'ordinary' && categories.get(c),
      );
      if (sensitive.length === 0 || (!b.art9 && !b.art10)) continue;
      const conditions = [
        b.art9 ? describeArt9(b.art9) : undefined,
        ...b.schedule1.map(describeSchedule1),
        b.art10?.officialAuthority
          ? `Article 10 – official authority: ${b.art10.officialAuthority}`
          : undefined,
        ...(b.art10?.schedule1 ?? []).map((n) => `Article 10 – ${describeSchedule1(n)}`),
        b.explicit ? 'your explicit consent' : undefined,
      ].filter((x): x is string => Boolean(x));
      rows.push([a.name, joinWords(namesOf(sensitive, categories)), conditions.join('; ')]);
    }
  }
  if (rows.length === 0) return undefined;
  return {
    id: 'special-category',
    title: 'Special category and criminal offence data',
    blocks: [
      p(
        'Some information is more sensitive: health, ethnic origin, religion, sexual orientation and similar (special category data), and information about criminal offences or allegations. We use it only where the law gives us a further condition, as set out here.',
      ),
      {
        kind: 'table',
        caption: 'Sensitive information and the conditions we rely on',
        head: ['Why', 'What', 'Condition'],
        rows,
      },
      ...(manifest.notice.appropriatePolicyDocument
        ? [
            p(
              `Our appropriate policy document explains how we protect this information: ${manifest.notice.appropriatePolicyDocument}`,
            ),
          ]
        : []),
    ],
  };
}
