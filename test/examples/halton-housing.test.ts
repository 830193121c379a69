/**
 * The Halton Housing example must keep every promise of the public notice it is modelled on.
 * The phrases below are quoted from that notice (shared/seeds/halton-housing.txt). Each must appear
 * in the notice Custos renders from the manifest, so dropping a recipient, category, purpose, right
 * or contact detail from the manifest fails this test. (The notice has no cookie section.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/manifest/problems.ts';
import type { Manifest } from '../../src/manifest/schema.ts';
import { validateFile } from '../../src/manifest/validate.ts';
import { isKnownCategoryTerm, SUBJECT_TERMS } from '../../src/manifest/vocabulary/dpv.ts';
import { RIGHTS, type RightId } from '../../src/manifest/vocabulary/law.ts';
import type { Block } from '../../src/notice/document.ts';
import { buildNotice, renderNotice } from '../../src/notice/render.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/halton-housing.yaml', import.meta.url));
/** The original notice lives outside the repository, so the check against it runs only where it exists. */
const SEED = fileURLToPath(new URL('../../../shared/seeds/halton-housing.txt', import.meta.url));

/** Case, curly quotes and line wrapping must not decide whether a phrase is "stated". */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

/**
 * Phrases quoted from the original, grouped by the rendered sections (by id) that must state them, so
 * a phrase cannot pass only because some other section happens to repeat it. `null` means anywhere.
 */
const PHRASES: { group: string; sections: string[] | null; phrases: string[] }[] = [
  {
    group: 'recipients',
    sections: ['who-we-share-with'],
    phrases: [
      'organisations that we contract or partner with to provide services to our customers',
      'provide us with professional and other services',
      'the local authority',
      'police',
      'fire service',
      'DWP',
      'support agencies',
      'utility companies',
      'Experian',
      'The Rental Exchange',
      'www.experian.co.uk/crain',
      'Credit Reference Agency Information Notice (CRAIN)',
      'Property Pool Plus',
      'the register for social & affordable homes across Halton, Knowsley, Liverpool, Sefton and Wirral',
      'https://www.propertypoolplus.org.uk/PrivacyPolicy',
      'a third party acting on your behalf',
    ],
  },
  {
    group: 'categories',
    sections: ['what-we-collect#categories'],
    phrases: [
      'Name and contact details',
      'Records of your contacts with us',
      'NI number',
      'Gender',
      'Date of Birth',
      'Household and other information about your circumstances',
      'Welfare and support needs',
      'Financial information',
      'Employment information',
      'Bank details',
      'Images',
      'Next of kin contact details to use in case of an emergency',
      'Please ensure your emergency contact is happy for you to disclose their information to us before providing their information',
      'Physical or mental health information',
      'Racial or ethnic origin',
      'Religious or similar beliefs',
      'Sexual orientation',
      'Criminal activity',
    ],
  },
  {
    group: 'sources',
    sections: ['what-we-collect#sources'],
    phrases: [
      'collected directly from you',
      'the local authority',
      'your previous landlord',
      'your doctor or other health professionals',
      'another person or organisation if they are permitted to share it with us',
      'CCTV systems',
      'Customer Hub',
    ],
  },
  {
    group: 'purposes',
    sections: ['why-we-use-it'],
    phrases: [
      'To administer the housing register and allocate properties',
      'We are a partner to Property Pool Plus',
      'To communicate with you regarding our services',
      'To manage your tenancy including pre-tenancy work, tenancy changes, tenancy visits, mutual exchanges, and end of tenancy administration',
      'To deliver repairs and other works to your home',
      'To inform you about your rent, take rent payments and manage your rent account',
      'To deliver environmental and estates services',
      'To seek feedback from you on the contractual services we provide to you',
      'To engage you in helping to shape how our services are delivered',
      'To tailor our contact with you so that you receive information we think may be of interest to you',
      'To provide housing support for customers in independent living and sheltered housing schemes',
      'deliver services within our independent living schemes',
      'To provide support to vulnerable customers',
      'To offer advice and assistance on household debt issues and welfare benefit entitlement',
      'To respond to any enquiries, compliments or complaints you contact us about',
      'To respond to any accidents or incidents',
      'To respond to any claims',
      'To recover any debt owed to us',
      'To deal with complaints of anti-social behaviour',
      'To take any action necessary for breach of tenancy',
      'To process any application from you to exercise your Right to Buy or Right to Acquire',
      'To process the buy back of Right to Buy of independent living properties',
      'To enter into a lease for a shared ownership property',
      'To provide services to leaseholders',
      'To raise any sundry invoices or process any ad hoc payments',
      'to protect our employees and other individuals',
      'For security purposes we may capture your image on our CCTV systems if you visit Waterfront Point or other premises which is covered by this service',
      'To record calls to help us review our performance and investigate complaints or claims',
      'contacting you about activities we think may be of interest to you',
      'promote the work of Halton Housing',
      'to deal with a third party acting on your behalf',
      'vital interests',
      'emergency medical situations',
      'We have teamed up with Experian to take part in The Rental Exchange',
      'strengthen your credit report without you needing to take on new credit',
      'share details about the rent you pay with Experian on a monthly basis',
      'recognised for paying your rent on time',
      'sharing of data into Rental Exchange',
      'to comply with our responsibilities under equalities legislation and our own associated policies',
      'providing assistance and making adjustments when delivering services to you, and to ensure equitable outcomes',
    ],
  },
  {
    group: 'contacts',
    sections: ['who-we-are'],
    phrases: [
      'Halton Housing',
      'Regulator of Social Housing',
      'Data Protection Officer',
      'dpo@haltonhousing.co.uk',
      'Waterfront Point',
      'Warrington Road',
      'Widnes',
      'WA8 0TD',
      'Get in touch',
    ],
  },
  {
    group: 'security measures',
    sections: ['security'],
    phrases: [
      'We hold all our data in secure data centres and it is backed up on a regular basis to separate locations',
      'Access to data is strictly controlled and monitored',
      'All devices and servers are kept up to date with security patches and virus definitions',
      'security monitoring solutions that ensure our systems are regularly audited and tested',
      'detect and address potential security risks',
      "we only disclose the personal data that's necessary to deliver the service",
      'a contract in place that requires them to keep your personal data secure',
    ],
  },
  {
    group: 'other undertakings',
    sections: null,
    phrases: [
      'housing applicants, tenants, leaseholders, residents, advocates and any other customer of Halton Housing',
      'We may change this privacy notice from time to time',
      'other privacy notices to deal with specific occasions',
      'UK General Data Protection Regulation (UK GDPR), tailored by the Data Protection Act 2018',
      'to enter into a contract with you, or deliver a contractual service to you',
      'to comply with our legal obligations',
      'we will always consider your interests before this processing begins',
      'balance the rights and freedoms of our customers against the personal data processing being proposed',
      "We'll always let you know at the time you give consent",
      'This is likely to be limited to emergency medical situations',
      'We will only share your data where the law allows us to do so',
      'We only keep your information for as long as it is needed',
      'meet our operational needs and to meet any legal and regulatory requirements',
      'We use guidance from the National Housing Federation',
      'You should tell us so that we can update our records',
      'Subject Access Request (SAR)',
      'where we are processing information because it is necessary in the performance of a contract we have with you, we will not be able to stop processing this information',
      "You can complain directly to Halton Housing's Data Protection Officer",
      "we'll try and resolve your concerns",
      'https://ico.org.uk/',
    ],
  },
];

/** Each right the notice lists, in its words, and the right Custos must render for it. */
const RIGHTS_LISTED: [string, RightId][] = [
  ['You have the right to be informed about how we are using your data', 'informed'],
  ['You have the right to ask us what personal information we hold about you', 'access'],
  ['you have a right to request that it be rectified', 'rectification'],
  ['You can ask us to delete your personal data', 'erasure'],
  ['You can ask us to restrict the personal data we use about you', 'restriction'],
  ['in a structured, commonly used, electronic form', 'portability'],
  ['You can object to the processing of your personal data', 'objection'],
  ['you always have the right to remove this consent', 'withdraw-consent'],
  ["You also have the right to complain to the Information Commissioner's Office", 'complain'],
];

const ALL_PHRASES = PHRASES.flatMap((g) => g.phrases);

function loadExample(): Manifest {
  const { manifest, problems } = validateFile(EXAMPLE, { today: '2026-11-23' });
  expect(problems.map(formatProblem)).toEqual([]);
  expect(manifest).toBeDefined();
  return manifest!;
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'p':
    case 'h3':
      return block.text;
    case 'list':
      return block.items.join('\n');
    case 'facts':
      return block.items.map(([k, v]) => `${k}: ${v}`).join('\n');
    case 'table':
      return block.rows.map((row) => row.join(' ')).join('\n');
  }
}

/**
 * The text of the named sections of the notice document that the text rendering lays out.
 * "what-we-collect#categories" is that section before its first sub-heading (the categories);
 * "what-we-collect#sources" is the rest (where the data comes from).
 */
function sectionsText(manifest: Manifest, ids: string[]): string {
  const doc = buildNotice(manifest);
  const texts = ids.map((ref) => {
    const [id, part] = ref.split('#');
    const section = doc.sections.find((s) => s.id === id);
    expect(section, `the notice has a "${id}" section`).toBeDefined();
    const firstHeading = section!.blocks.findIndex((b) => b.kind === 'h3');
    const blocks =
      part === undefined
        ? section!.blocks
        : part === 'categories'
          ? section!.blocks.slice(0, firstHeading)
          : section!.blocks.slice(firstHeading);
    if (part !== undefined)
      expect(firstHeading, `"${id}" has a sub-heading before its sources`).toBeGreaterThan(0);
    return blocks.map(blockText).join('\n');
  });
  return normalise(texts.join('\n'));
}

describe('examples/halton-housing.yaml', () => {
  it('validates with no errors and no warnings', () => {
    loadExample();
  });

  it('shares with the Rental Exchange under legitimate interests, pointing to the CRAIN', () => {
    const manifest = loadExample();
    const experian = manifest.recipients.find((r) => r.id === 'experian');
    expect(experian?.notice).toMatch(/experian\.co\.uk\/crain/);
    const sharing = manifest.activities.filter((a) => a.recipients.includes('experian'));
    expect(sharing.length).toBeGreaterThan(0);
    for (const a of sharing) expect(a.lawfulBases.map((b) => b.basis)).toEqual(['legitimate-interests']);
  });

  it('relies on vital interests, with Art. 9(2)(c) for health, only in emergencies', () => {
    const manifest = loadExample();
    const vital = manifest.activities.filter((a) => a.lawfulBases.some((b) => b.basis === 'vital-interests'));
    expect(vital.map((a) => a.id)).toEqual(['emergencies']);
    expect(vital[0]!.lawfulBases.some((b) => b.art9 === 'c')).toBe(true);
  });

  it('maps every category and data subject to a known DPV term', () => {
    const manifest = loadExample();
    for (const c of manifest.categories)
      for (const t of c.dpv) expect(isKnownCategoryTerm(t), `${c.id}: ${t}`).toBe(true);
    for (const s of manifest.subjects) expect(SUBJECT_TERMS as readonly string[]).toContain(s.dpv);
  });

  it('renders a notice that states every promise of the original, in its words', () => {
    expect(ALL_PHRASES.length).toBeGreaterThanOrEqual(30);
    const rendered = normalise(renderNotice(loadExample(), 'txt'));
    const missing = ALL_PHRASES.filter((phrase) => !rendered.includes(normalise(phrase)));
    expect(missing).toEqual([]);
  });

  it.each(PHRASES.filter((g) => g.sections !== null))(
    'states the $group where the notice says them',
    ({ sections, phrases }) => {
      const text = sectionsText(loadExample(), sections!);
      expect(phrases.filter((phrase) => !text.includes(normalise(phrase)))).toEqual([]);
    },
  );

  it('renders each right the original lists', () => {
    const text = sectionsText(loadExample(), ['your-rights']);
    const missing = RIGHTS_LISTED.filter(([, right]) => !text.includes(normalise(RIGHTS[right].label)));
    expect(missing).toEqual([]);
  });

  it.skipIf(!existsSync(SEED))('quotes every phrase and right from the original notice', () => {
    // The seed keeps the notice's links as Markdown, "[Code of Practice](#)"; compare their words only.
    const seed = normalise(readFileSync(SEED, 'utf8').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
    const invented = [...ALL_PHRASES, ...RIGHTS_LISTED.map(([phrase]) => phrase)].filter(
      (phrase) => !seed.includes(normalise(phrase)),
    );
    expect(invented).toEqual([]);
  });
});
