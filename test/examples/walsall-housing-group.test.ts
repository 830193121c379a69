/**
 * The Walsall Housing Group example, modelled on its public notice, must validate and its rendered notice
 * must still say everything the original says. The phrases below are copied from the original notice
 * (shared/seeds/walsall-housing-group.txt), so dropping a promise from the manifest fails a test here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/manifest/problems.ts';
import { validateFile } from '../../src/manifest/validate.ts';
import { RIGHTS } from '../../src/manifest/vocabulary/law.ts';
import { renderNotice } from '../../src/notice/render.ts';

const EXAMPLE = new URL('../../examples/walsall-housing-group.yaml', import.meta.url).pathname;
const SEED = new URL('../../../shared/seeds/walsall-housing-group.txt', import.meta.url).pathname;
const TODAY = '2026-11-23';

/** Case, curly quotes and line wrapping are layout, not content. */
const normalise = (s: string): string => s.toLowerCase().replace(/[‘’]/g, "'").replace(/\s+/g, ' ');

/**
 * Phrases of the original notice, by the section of the rendered notice that must state them. Checking
 * within a section means a phrase repeated elsewhere (in a purpose, say) cannot hide a dropped recipient.
 */
const EXPECTED: Record<string, string[]> = {
  'Who we are': ['data protection officer', 'registered office address', 'ask any of our colleagues'],
  'What we collect and where we get it from': [
    'name and contact details',
    'suppliers and partners',
    'age, sex, date of birth',
    'ethnicity',
    'particular needs or preferences',
    'your housing needs',
    'bank details and direct debit information',
    'rent or service charges',
    'benefit and council tax information',
    'to verify your circumstances',
    'details relating to the repair and maintenance of your home',
    'housing advisor, neighbourhood impact officer, asset management team member, or any other contact',
    'information for contents insurance',
    'payment card',
    'feedback from our contractors, about their appointments with you',
    'voice and video recordings',
    'friends, relatives or neighbours who you trust to contact us on your behalf',
    'your name, photo, video or story',
    'for brochures, advertising or press releases or use by the media',
    'complaints about our service or other individuals',
    'accidents or incidents involving you or your home',
    'your comments about services from us or our suppliers',
    'name and contact details for someone to contact you',
    'another organisation that we will tell you about',
    'care and support requirements',
    'detailed information about your needs and your family’s needs',
    'records of payments for the services',
    'details required by the insurer',
    'account reports from the insurer',
    'detailed information about your income and debts',
    'we keep this separate from our other information about you',
    'skills centre',
    'employment and learning history',
    'regarding credit',
    'offences',
    'bureau service',
    'management information about the accounts we manage',
    'factual information whenever you contact us or use our services',
    // Sources
    'our partner organisations',
    'your family, friends or neighbours',
    'our colleagues',
    'public information sources',
    'credit reference agencies',
    'criminal records bureau',
  ],
  'Why we use it and our lawful basis': [
    'generally for providing our services for you',
    'keeping in touch with our customers',
    'understanding your needs and preferences',
    'inviting you to events',
    'offering and booking appointments with you',
    'telling you about changes to whg and its services',
    'meeting your housing management needs and requirements',
    'managing payments from you, to you or on your account, and for accounting purposes',
    'whoever pays your bills will have to give us the payment card details each time they make a payment',
    'voice and video recordings for safety, crime reduction and quality management',
    'customer satisfaction surveys, newsletters and service information',
    'to arrange one of our services for you',
    'skills training and every day support services',
    'look after our colleagues, business or anyone else',
    'prevention, detection and prosecution of crime, and quality management',
    'informing our staff, contractors or others (as appropriate) about past incidents e.g. anti-social behaviour, for their protection, in line with our policies',
    'meeting our legal obligations including our funders or regulators',
    'exercising legal rights, including under contract with you',
    'receive information from your service provider',
    'on their behalf',
    'anonymise your information so that it cannot be linked to you',
    'use the data for any purpose',
    'where visitors have come to the site from',
  ],
  'Who we share it with': [
    'selected other landlords',
    'housing contractors',
    'undertake repairs or improvements to your home',
    'it providers who own or manage the computers, phones or systems we use',
    'our contractor who handles your out of hours service calls for us',
    'banks',
    'carry out payments through a secure system',
    'companies that assist us in mailing out our leaflets / newsletters',
    'additional staff resources, such as consultants or agency staff',
    'our professional advisors, auditors and providers of financial services',
    'training providers or learning institutions',
    'other housing associations',
    'external assistance where you have agreed to the referral',
    'local authorities and government departments who provide relevant services for you, including benefits',
    'the police, fire services, health authorities or medical staff who provide services for you',
    'utility companies',
    'debt collection agencies acting for others',
    'crime prevention or detection, risk assessment, resolution of complaints or other issues',
    'local authorities, safeguarding boards, regulators, government departments and other public authorities, such as for preventing payment errors or fraud',
    'the police, fire service, health authorities or medical practitioners',
    'regulator with appropriate power, or court order',
    'recognised official capacity',
    'google analytics',
    'google translate',
    'overview of privacy at google',
  ],
  'How we keep it safe': [
    'only those of our colleagues and contractors that need to see it have access',
    'paper copies instead, or as well',
    'our computer system is at our offices',
    'computers which are owned or managed by our suppliers, if the computers are secure and under our control',
    'we do not store the details',
    'we only exchange the details with the account holder',
    'the person we believe to be the card holder',
    'keep the details separate from our other information about you',
    'anyone who claims to represent you',
    'confirm the caller’s identity',
  ],
  'Your information and other people’s marketing': [
    'in return for payment, for their marketing or commercial purposes, unless you give specific consent',
  ],
  'When the law obliges us to disclose': [
    'regulator with appropriate power, or court order',
    'freedom of information',
  ],
  'How to use your rights': [
    'legal right to access information that we hold about you',
    'ask any of our colleagues',
    'data protection officer at our registered office address',
    'ask us not to process your personal information',
    'unable to provide our service to you if we are unable to record and process certain details',
    'details about another person',
  ],
  Cookies: [
    'cfid',
    'cftoken',
    'jsessionid',
    'vopecra',
    '_utma',
    '_utmb',
    '_utmc',
    '_utmz',
    'googtrans',
    'when a user logs in, maintains authentication state',
    'remembers when a user has elected to accept cookies',
    'google analytics',
    'compile reports and to help us improve the site',
    'google translate',
    'stores your chosen language (if you decide to change it from english)',
  ],
  'Managing cookies': [
    'www.allaboutcookies.org',
    'to opt out of being tracked by google analytics across all websites visit http://tools.google.com/dlpage/gaoptout',
    'change cookie settings',
  ],
  'Our nominated representative': ['nominated representative', 'helen lane, governance manager'],
  'Changes to our Privacy Statement': [
    'we will display the new statement in all places where it can usually be found',
    'at our offices and outlets',
  ],
};

const PHRASES = Object.values(EXPECTED).flat();
const PLACED = Object.entries(EXPECTED).flatMap(([section, phrases]) =>
  phrases.map((phrase) => ({ section, phrase })),
);

/**
 * Each cookie row of the original's tables: its provider (first-party cookies are whg's own), the expiry the
 * original gives, and how Custos words that expiry.
 */
const COOKIE_ROWS: { name: string; provider: string; thirdParty: boolean; expiry: string; as: string }[] = [
  { name: 'CFID', provider: 'whg', thirdParty: false, expiry: '2 hours', as: '2 hours' },
  { name: 'CFTOKEN', provider: 'whg', thirdParty: false, expiry: '2 hours', as: '2 hours' },
  { name: 'JSESSIONID', provider: 'whg', thirdParty: false, expiry: 'Session end', as: 'until you close' },
  { name: 'VOPECRA', provider: 'whg', thirdParty: false, expiry: 'Never', as: 'never expires' },
  { name: '_utma', provider: 'Google Analytics', thirdParty: true, expiry: '2 years', as: '2 years' },
  { name: '_utmb', provider: 'Google Analytics', thirdParty: true, expiry: '30 mins', as: '30 minutes' },
  {
    name: '_utmc',
    provider: 'Google Analytics',
    thirdParty: true,
    expiry: 'End of session',
    as: 'until you close',
  },
  { name: '_utmz', provider: 'Google Analytics', thirdParty: true, expiry: '6 months', as: '6 months' },
  {
    name: 'googtrans',
    provider: 'Google Translate',
    thirdParty: true,
    expiry: 'End of session',
    as: 'until you close',
  },
];

/** The rights the original names: access, and "the right to ask us not to process" (objection). */
const RIGHTS_IN_ORIGINAL = [RIGHTS.access.label, RIGHTS.objection.label];

/** Warnings the example's comments explain, by rule and the id they name; any other is a regression. */
const EXPLAINED_WARNINGS = ['cookies/consent-needed ', 'recipient/processor-without-contract "google"'];

const validation = validateFile(EXAMPLE, { today: TODAY });
const manifest = validation.manifest;
const text = manifest ? renderNotice(manifest, 'txt') : '';
const rendered = normalise(text);
const sections = sectionsOf(text);

/** The plain-text notice cut at its numbered "N. Title" headings, each section's body normalised. */
function sectionsOf(plain: string): Map<string, string> {
  const found = new Map<string, string>();
  const lines = plain.split('\n');
  let title: string | undefined;
  let body: string[] = [];
  const close = () => {
    if (title !== undefined) found.set(normalise(title), normalise(body.join('\n')));
  };
  lines.forEach((line, i) => {
    const heading = /^\d+\. (.+)$/.exec(line);
    if (heading && /^=+$/.test(lines[i + 1] ?? '')) {
      close();
      title = heading[1];
      body = [];
    } else body.push(line);
  });
  close();
  return found;
}

/** The list items of the plain-text layout ("  - " and their indented continuation lines), one per item. */
function listItems(plain: string): string[] {
  const items: string[] = [];
  for (const line of plain.split('\n')) {
    if (line.startsWith('  - ')) items.push(line.slice(4));
    else if (line.startsWith('    ') && items.length > 0) items[items.length - 1] += ` ${line.trim()}`;
  }
  return items.map(normalise);
}

describe('the Walsall Housing Group example manifest', () => {
  it('validates with no errors', () => {
    const errors = validation.problems.filter((p) => p.severity === 'error').map(formatProblem);
    expect(errors).toEqual([]);
    expect(manifest).toBeDefined();
  });

  it('raises only the warnings its comments explain', () => {
    const warnings = validation.problems
      .filter((p) => p.severity === 'warning')
      .map((p) => `${p.rule} ${/"[^"]+"/.exec(p.message)?.[0] ?? ''}`);
    expect(warnings).toEqual(EXPLAINED_WARNINGS);
  });

  it('says in its top comment that it is modelled on the public notice', () => {
    const head = readFileSync(EXAMPLE, 'utf8').split('\n').slice(0, 3).join(' ');
    expect(head).toContain('modelled on its public notice');
  });

  it('declares the bureau service as processing for another provider', () => {
    const bureau = manifest?.activities.find((a) => a.role === 'processor');
    expect(bureau?.onBehalfOf).toBeDefined();
    expect(manifest?.recipients.map((r) => r.id)).toContain(bureau?.onBehalfOf);
  });

  it('keeps money advice and complaints in record types only their own teams may see', () => {
    const segregated = manifest?.recordTypes.filter((t) => t.segregated).map((t) => t.activities[0]);
    expect(segregated).toEqual(expect.arrayContaining(['money-advice', 'complaints-and-incidents']));
  });
});

describe('the notice rendered from the Walsall Housing Group example', () => {
  it('has more than 40 phrases to check, each taken from the original notice', () => {
    expect(PHRASES.length).toBeGreaterThan(40);
  });

  it.skipIf(!existsSync(SEED))('takes every phrase word for word from the original notice', () => {
    const original = normalise(readFileSync(SEED, 'utf8'));
    const invented = PHRASES.map(normalise).filter((phrase) => !original.includes(phrase));
    expect(invented).toEqual([]);
  });

  it.each(PLACED)('states "$phrase" under "$section"', ({ section, phrase }) => {
    const body = sections.get(normalise(section));
    expect(body, `no section "${section}"`).toBeDefined();
    expect(body).toContain(normalise(phrase));
  });

  it.each(RIGHTS_IN_ORIGINAL)('lists %s', (right) => {
    expect(sections.get('your rights')).toContain(normalise(right));
  });

  it.each(COOKIE_ROWS)('gives $name, set by $provider, the expiry "$expiry"', (cookie) => {
    const row = listItems(text).find((item) => item.startsWith(`cookie: ${normalise(cookie.name)};`));
    expect(row, `no row for cookie ${cookie.name}`).toBeDefined();
    expect(row).toContain(
      `set by: ${normalise(cookie.provider)}${cookie.thirdParty ? ' (third party)' : ';'}`,
    );
    expect(row).toContain(normalise(cookie.as));
  });

  it('states every category, source, purpose, recipient and cookie the manifest declares', () => {
    const declared = [
      ...(manifest?.categories.map((c) => c.name) ?? []),
      ...(manifest?.sources.map((s) => s.name) ?? []),
      ...(manifest?.activities.flatMap((a) => [a.name, a.purpose]) ?? []),
      ...(manifest?.recipients.map((r) => r.name) ?? []),
      ...(manifest?.cookies.map((c) => c.name) ?? []),
      ...(manifest?.notice.security ?? []),
    ];
    const missing = declared.filter((phrase) => !rendered.includes(normalise(phrase)));
    expect(missing).toEqual([]);
  });

  it('does not repeat the 1998-Act fee or 40-day deadline, which UK GDPR no longer allows', () => {
    expect(rendered).not.toContain('£10');
    expect(rendered).not.toContain('40 days');
  });
});
