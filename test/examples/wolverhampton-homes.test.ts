/**
 * The Wolverhampton Homes example must keep every promise of the public notice it is modelled on.
 * The phrases below are quoted from that notice (shared/seeds/wolverhampton-homes.txt). Each must
 * appear in the notice Custos renders from the manifest, so dropping a recipient, category, purpose,
 * right, cookie or contact detail from the manifest fails this test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/manifest/schema.ts';
import { validateFile } from '../../src/manifest/validate.ts';
import { isKnownCategoryTerm, SUBJECT_TERMS } from '../../src/manifest/vocabulary/dpv.ts';
import { RIGHTS, type RightId } from '../../src/manifest/vocabulary/law.ts';
import type { Block } from '../../src/notice/document.ts';
import { buildNotice, renderNotice } from '../../src/notice/render.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/wolverhampton-homes.yaml', import.meta.url));
/** The original notice lives outside the repository, so the check against it runs only where it exists. */
const SEED = fileURLToPath(new URL('../../../shared/seeds/wolverhampton-homes.txt', import.meta.url));

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
      'City of Wolverhampton Council',
      'other local authorities',
      'contractors and partner agencies',
      'providers of goods and services',
      'local and central government',
      'ombudsman and regulatory authorities',
      'licensing authorities',
      'health bodies (NHS Trusts, GPs)',
      'partners that are part of national or regional improvement projects',
      'charities involved in delivering services on our behalf which you have consented to using',
      'insurers',
      'solicitors who are acting on your behalf',
      'the police',
      'Department for Work and Pensions',
      'Care Quality Commission',
      'courts, prisons',
      'the Audit Commission',
      "Her Majesty's Revenue & Customs (HMRC)",
      'national and local fraud initiatives',
      'utility companies',
      'credit reference agencies',
      'Minister for the Cabinet Office',
      'Health and Safety Executive',
      'can only use the data we give them for our survey and they must delete it after the work has been done',
      'Department for Energy Security and Net Zero (DESNZ)',
      'support the delivery and administration of the Social Housing Decarbonisation Fund Wave 2.2',
      'HomeLINK App',
    ],
  },
  {
    group: 'categories',
    sections: ['what-we-collect#categories'],
    phrases: [
      'personal details (name, date of birth)',
      'identification numbers (e.g NHS number, National Insurance Number)',
      'family details',
      'lifestyle and social circumstances',
      'goods and services',
      'economic / financial details',
      'employment and education details',
      'housing needs',
      'visual images, personal appearance and behaviour',
      'CCTV images',
      'business activities',
      'case file information',
      'birth/death data provided by/to the office of national statistics',
      'physical or mental health details',
      'social care needs',
      'racial or ethnic origin',
      'trade union membership',
      'political affiliation',
      'political opinions',
      'offences (including alleged offences)',
      'religious or other beliefs of a similar nature',
      'criminal proceedings, outcomes and sentences',
      'genetic or biometric data',
      'sex life or sexual orientation',
      'ethnic background',
      'first language',
      'gender',
      'IP addresses',
      'website pages accessed',
      'copies of your scanned tenancy and identification documents',
    ],
  },
  {
    group: 'sources',
    sections: ['what-we-collect#sources'],
    phrases: [
      'face to face',
      'telephone calls',
      'emails',
      'if you email us we may keep a record of your contact and your email address for our record keeping',
      'on paper',
      'online forms',
      'online payments',
      'on systems',
      'ordinarily we will inform you if we record or monitor any telephone calls you make to us',
      'fire and carbon monoxide alarms',
      'environmental sensors',
      'the gateway',
      'City of Wolverhampton Council',
      'educators, examining bodies',
      'Ofsted, Ombudsman and regulatory authorities',
      'providers of goods and services',
      'CCTV systems',
      'local and central government (e.g. Department of Work and Pensions, HMRC)',
      'licensing authorities',
      'partners that are part of national or regional improvement projects',
      'health bodies (NHS Trusts, GPs)',
      'the Police',
      'Care Quality Commission',
      'courts, prisons',
      'other local authorities',
      'the Audit Commission',
    ],
  },
  {
    group: 'purposes',
    sections: ['why-we-use-it'],
    phrases: [
      'submit data as required to national central public bodies',
      'HM Revenues and Customs',
      'make sure we meet our statutory obligations including those related to diversity and equalities',
      'crime prevention, national and local fraud initiatives, prosecution of offenders including the use of CCTV',
      'safeguarding vulnerable children and adults',
      'corporate administration and all activities we are required to carry out as a data controller and public authority',
      'letting, renting and leasing properties',
      'administering waiting lists',
      'administering housing and property grants',
      'supporting and managing your tenancy',
      'supporting and managing our employees, agents and contractors',
      'update your customer record',
      'maintaining our own accounts and records',
      'carrying out health and public awareness campaigns',
      'managing our property',
      'administering the assessment and collection of taxes and other revenue including benefits and grants',
      'licensing and regulatory activities',
      'the provision of all non-commercial activities including estate management, concierge services',
      'internal financial support and corporate functions',
      'managing archived records for historical and research reasons',
      'data matching under local and national fraud initiatives',
      'understanding what we can do for you and informing you of other relevant services and benefits',
      'understand your needs to provide the services that you request',
      'surveys and getting your opinion on our services',
      'undertake research',
      'monitor and collect visual images for the purpose of security and the prevention and detection of crime',
      'for training and quality purposes',
      'for the prevention and detection of fraud',
      "We participate in the Cabinet Office's National Fraud Initiative",
      'help you keep rooms within the ideal temperature, humidity, and carbon dioxide ranges to prevent poor conditions from occurring',
      'tailored tips and advice that will help you to make your home healthier',
      'let you know if a room is at risk of developing damp and mould',
      'remind you to test your fire and carbon monoxide alarms',
      'give your family, friends or carers secure access to your HomeLINK App',
      'automated decision being made about you or could be seen as profiling',
      'This analysis will not identify individuals',
      'where relevant Data Protection legislation allows us to process data',
      'in order to assist in the delivery and improvement of the services we provide to you and others',
      'support the delivery and administration of the Social Housing Decarbonisation Fund Wave 2.2',
      'improve our website in order to tailor it to customer needs',
      'We only use this information for statistical analysis purposes and then the data is removed from the system',
    ],
  },
  {
    group: 'automated decisions',
    sections: ['automated-decisions'],
    phrases: ['You can ask us to explain the outcomes of any automated decisions made about you'],
  },
  {
    group: 'cookies',
    sections: ['cookies', 'more-about-cookies'],
    phrases: [
      'traffic log cookies',
      'identify which pages are being used',
      'You can choose to accept or decline cookies',
      'modify your browser setting to decline cookies',
      'Cookie Policy',
    ],
  },
  {
    group: 'contacts',
    sections: ['who-we-are', 'information-complaints'],
    phrases: [
      'Z9185149',
      'Nicky Devey',
      'DP@wolverhamptonhomes.org.uk',
      'Information Governance Team',
      'City of Wolverhampton Council',
      'Civic Centre',
      "St Peter's Square",
      'WV1 1SH',
      '01902 554498',
      'casework@ico.org.uk',
      'Wycliffe House',
      'SK9 5AF',
    ],
  },
  {
    group: 'security measures',
    sections: ['security'],
    phrases: [
      'Everyone working for us has a legal duty to keep information about you confidential and secure',
      'need to know basis',
      'your privacy and the security of the information is assessed when a new sharing partner is identified',
      'only sharing the minimum amount of data we need to',
      'contract and confidentiality clauses in place',
      'data privacy impact assessment each time we start a new project',
      'We will not include any confidential information about you in any email we send to you unless sent securely',
      'dispose of paper records or delete any electronic personal information in a secure way',
      'Information Management Systems that hold data about you and your tenancy',
      'Electronic Records Management Systems that hold copies of your scanned tenancy and identification documents',
    ],
  },
  {
    group: 'other undertakings',
    sections: null,
    phrases: [
      'We are committed to protecting your privacy and security',
      'We will never sell your personal data',
      'we will never share it with another company or charity for marketing purposes',
      'we do our very best to keep personal information secure',
      'Data matching involves comparing computer records held by one body against other computer records',
      'No assumption can be made as to whether there is fraud, error or other explanation until an investigation is carried out',
      'Part 6 of the Local Audit and Accountability Act 2014',
      'Data matching by the Cabinet Office is subject to a Code of Practice',
      'We may share your data with third countries or international organisations',
      'appropriate safeguards in place',
      'Caldicott Principles',
      'British Standard and International Standard (BS/ISO) 15489',
      'Code of Practice on Records Management',
      'guidance from professional bodies on record keeping for social workers',
      'If you have any problems logging in or have any questions about the app or the devices within your home',
      'All requests for access must be made in writing',
      'request an internal review',
      'Freedom of Information Act 2000',
      'Environmental Information Regulations 2004',
      'disclosure log',
      'we cannot be responsible for the protection and privacy of any information which you provide whilst visiting such sites',
      'We collect and process personal data relating to our job applicants and employees to manage the employment relationship',
    ],
  },
];

/** Each right the notice lists, in its words, and the right Custos must render for it. */
const RIGHTS_LISTED: [string, RightId][] = [
  ['you have the right to be informed of how we are processing your data', 'informed'],
  ['you have the right to ask for incorrect data to be rectified', 'rectification'],
  ['you have right to request the deletion or removal of personal data', 'erasure'],
  ['you have the right to withdraw your consent', 'withdraw-consent'],
  ['the right of access to your data', 'access'],
  ["you may wish to contact the Information Commissioner's Office", 'complain'],
];

const ALL_PHRASES = PHRASES.flatMap((g) => g.phrases);

function loadExample(): Manifest {
  const { manifest, problems } = validateFile(EXAMPLE, { today: '2026-11-23' });
  // The one warning is explained in the manifest: implied cookie consent (PECR reg. 6).
  expect(problems.map((p) => `${p.severity} ${p.rule}`)).toEqual(['warning cookies/consent-needed']);
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

describe('examples/wolverhampton-homes.yaml', () => {
  it('validates with no errors, warned only about its implied cookie consent', () => {
    loadExample();
  });

  it('models an ALMO that is a public authority, so it never relies on legitimate interests', () => {
    const manifest = loadExample();
    expect(manifest.controller.kind).toBe('almo');
    expect(manifest.controller.publicAuthority).toBe(true);
    const bases = manifest.activities.flatMap((a) => a.lawfulBases.map((b) => b.basis));
    expect(bases).not.toContain('legitimate-interests');
    expect(bases).toContain('public-task');
  });

  it('sends the National Fraud Initiative data to the Cabinet Office under the 2014 Act', () => {
    const manifest = loadExample();
    const nfi = manifest.activities.find((a) => a.recipients.includes('cabinet-office'));
    expect(nfi?.lawfulBases.map((b) => b.detail).join(' ')).toMatch(
      /Local Audit and Accountability Act 2014/,
    );
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
