/**
 * The Winchester Working Men's Housing Society example manifest keeps every promise of the notice
 * it is modelled on: it validates, and the notice rendered from it states each recipient,
 * category, purpose, right, cookie, contact detail and security statement the original states,
 * in the original's own words.
 */
import { describe, expect, it } from 'vitest';
import type { RightId } from '../../src/manifest/vocabulary/law.ts';
import { renderNotice } from '../../src/notice/render.ts';
import {
  normalise,
  controllerTexts,
  subjectTexts,
  categoryTexts,
  sourceTexts,
  purposeTexts,
  recipientTexts,
  retentionTexts,
  securityTexts,
  cookieTexts,
  rightsTexts,
  renderDeclarations,
  describePromises,
  type Promises,
} from './promise-check.ts';

/**
 * Phrases copied from the original notice, grouped by the kind of declaration that must make the
 * promise: dropping that declaration from the manifest fails the test even where another part of
 * the notice happens to use the same words.
 */
const PROMISES: Promises = {
  'who we are and contact details': {
    declaredIn: controllerTexts,
    phrases: [
      "Winchester Working Men's Housing Society Limited",
      'WWMHS',
      'The Chief Executive',
      '6a Ronald Bowker Court, Greenhill Road, Winchester, SO22 5EA',
      'Regulator of Social Housing',
      'L2732',
      '5338R',
    ],
  },
  'whose information': {
    declaredIn: subjectTexts,
    phrases: [
      'current, former and potential tenants who live in our properties or access our support and other services',
      'Visitors to our website and our offices',
      'message us via a social media application',
      'complaint or enquiry to WWMHS',
      'anyone authorised to act on your behalf',
      'enquire or apply to WWMHS for housing',
      'people associated with them',
      'children aged under 18',
    ],
  },
  categories: {
    declaredIn: categoryTexts,
    phrases: [
      'Full name',
      'Details of anyone authorised to act on your behalf',
      'your National Insurance number',
      'other housing providers/private landlords',
      'car parking space rental',
      'repairs, maintenance and adaptions',
      'housing and tenancy aspects of a welfare case',
      'surveys and research',
      'equal opportunities',
      'Date of birth',
      'Contact details, including telephone, email or contact address',
      'Name and date of birth of all household residents',
      'Benefit and Council tax information',
      'do not usually retain copies',
      'Photo ID',
      'National Insurance Number',
      "Children's birth certificates",
      'Proof of child benefit',
      'financial information (including the receipt of benefits)',
      'mental or physical health information (including whether you have any disabilities we should be aware of)',
      'breaches of tenancy',
      'alleged anti-social behaviour',
      'suspected fraud',
      'current or forwarding addresses',
      'rent payments (including any arrears)',
      'rent payment record',
      'your contact with us, whether by phone, email, in writing or in person',
      'telephone answering facilities',
      'Internet protocol (IP) address',
      'your login information',
      'browser type and version',
      'time zone setting',
      'browser plug-in types and versions',
      'operating system and platform',
      'unique phone identifier',
      'Uniform Resource Locators (URL) and query string',
      'clickstream to, through and from our website (including date and time)',
      'products you viewed or searched for',
      'page response times',
      'download errors',
      'length of visits to certain pages',
      'mouse-overs',
      'methods used to browse away from the page',
      'any phone number used to call our customer service number',
      'the terms that you use to search our website',
    ],
  },
  sources: {
    declaredIn: sourceTexts,
    phrases: [
      'application form and related correspondence',
      'tenancy sign-up',
      'surveys or requests for information',
      'other support agencies which relate to you',
      'family, friends and neighbours',
      'other housing providers/private landlords',
      'your mortgage lender (if you own/have owned your own home)',
      'the Police',
      'the Probation Service',
      'support workers, social workers, mental health workers',
      'credit reference agencies',
      'registered office landline',
      'WWMHS staff mobile phones',
      'multi-agency working solution',
      'automatically collect',
    ],
  },
  purposes: {
    declaredIn: purposeTexts,
    phrases: [
      'Processing applications and requests for rental accommodation (housing) and car parking space rental',
      'determine your housing needs',
      'Managing tenancies including collecting rent and service charges',
      'Ensuring compliance with the conditions of any agreement between us',
      'Providing repairs, maintenance and adaptions at our properties',
      'Property and grounds maintenance and repair',
      'Adaptations made to the properties we own and manage',
      'Offering help with debts and benefits advice and signposting',
      'Signposting to welfare, benefits and debt advice',
      'make sure that benefits are paid correctly',
      'Assisting you in the management of account charges, payments and arrears',
      'to enable them to recover the debt',
      'This may affect future applications for tenancies, credit and insurance',
      'assist other organisations to assess your financial standing',
      'verify your Universal Credit application and manage these payments',
      'prevent and investigate tenancy fraud',
      'ensure billing details are correct',
      'Engaging with you to make improvements to our products and services',
      'gather feedback and improve the services we offer you',
      'Preventing and detect crime and resolve disputes',
      'Preventing and detect fraud and money laundering',
      'Promoting safety and the quiet enjoyment of our neighbourhood and community',
      'Promoting equal opportunities and fair treatment for all',
      'Meeting the obligations we owe to our regulators and stakeholders',
      'anonymised information about new tenancies',
      'statistical and research purposes including informing the development of housing policy in the UK',
      'checking the property is not overcrowded',
      'We may ask to see but do not usually retain copies of',
      'note any action taken as a result',
      'Google analytics to identify which web pages are being used',
      'improve our website service',
      'housing and tenancy aspects of a welfare case',
      "in your, or the public's, interest",
      'keep customers, staff or visitors safe',
      'as required by law',
    ],
  },
  recipients: {
    declaredIn: recipientTexts,
    phrases: [
      'local authorities',
      'benefits departments',
      'repairs and maintenance contractors',
      'social services',
      'other social landlords',
      'government departments as required',
      'the emergency services',
      'Police',
      'third party cloud hosting and IT infrastructure providers',
      'agencies and authorities we work with',
      'regulators',
      'stakeholders',
      'purchasers or potential purchasers of our business',
      'utility companies',
      'Council Tax offices',
      'authorised debt recovery agencies',
      'an external debt advice agency',
      'welfare rights advisor',
      'the housing benefit department',
      'housing advice and homeless prevention team',
      'credit reference agencies',
      'a third party to conduct surveys and research on our behalf',
      'will not share your data with other organisations',
      'securely destroy your data',
      'Universal Credit',
      'required by law',
      'Google Analytics',
      'Ministry of Housing, Communities and Local Government (MHCLG)',
      'MHCLG Privacy Notice for Continuous Recording of Social Housing Lettings',
      'CORE',
    ],
  },
  retention: {
    declaredIn: retentionTexts,
    phrases: ['do not usually retain copies', 'securely destroy your data'],
  },
  cookies: {
    declaredIn: cookieTexts,
    phrases: ['Google Analytics', 'identify which web pages are being used', 'statistical analysis'],
  },
  security: {
    declaredIn: securityTexts,
    phrases: [
      'secure and confidential',
      'need to know',
      'complete control of what they see',
      'strict terms and conditions outlined by us',
      'free from viruses and harmful files',
      'Any data submitted via our online forms is not secure',
      'intercepted or modified',
    ],
  },
  'further information about your rights': {
    declaredIn: rightsTexts,
    phrases: ['https://ico.org.uk/global/privacy-notice/your-data-protection-rights/'],
  },
};

/** The rights the original lists, each with its words in the notice. */
const RIGHTS_STATED: { right: RightId; inNotice: string }[] = [
  { right: 'access', inNotice: 'to ask us for access to information about you that we hold' },
  {
    right: 'rectification',
    inNotice: 'to have your personal data rectified, if it is inaccurate or incomplete',
  },
  { right: 'erasure', inNotice: 'to request the deletion or removal of personal data' },
  { right: 'restriction', inNotice: 'to restrict our use of your personal data' },
  { right: 'objection', inNotice: 'to object to certain ways we use your information' },
  {
    right: 'portability',
    inNotice: 'to request that we transfer your information directly to a new landlord or other third party',
  },
  {
    right: 'complain',
    inNotice: "make a complaint to the regulator, the Information Commissioner's Office (ICO)",
  },
];
/** Listed by the notice too, but the manifest can declare it only with an automated decision; see the test. */
const AUTOMATED_DECISIONS_IN_NOTICE = 'not to be subject to decisions made automatically';

const NEVER_SELL = 'never sell your personal data';

describe('examples/winchester-wmhs.yaml', () => {
  const manifest = describePromises({
    name: 'winchester-wmhs',
    promises: PROMISES,
    rights: RIGHTS_STATED,
    alsoQuoted: [NEVER_SELL, AUTOMATED_DECISIONS_IN_NOTICE],
  });

  // The notice names the right not to be subject to automated decisions, yet makes none. The
  // manifest says so by declaring no automated decision, and the notice must then say there are
  // none (GAPS-willow-winchester.md: the right itself is listed only when one is declared).
  it('automated decisions: declares none, and the notice says so', () => {
    expect(manifest.activities.filter((a) => a.automatedDecisions !== 'none')).toEqual([]);
    expect(normalise(renderNotice(manifest, 'txt'))).toContain('automated means');
  });

  it('declares the Google Analytics cookies as analytics cookies', () => {
    const analytics = manifest.cookies.filter((c) => c.provider.includes('Google Analytics'));
    expect(analytics.length).toBeGreaterThan(0);
    expect(analytics.every((c) => c.category === 'analytics')).toBe(true);
  });

  it('shares the CORE return with MHCLG under a data sharing agreement', () => {
    const mhclg = manifest.recipients.find((r) => r.name.includes('MHCLG'));
    expect(mhclg?.agreements.map((a) => a.type)).toContain('data-sharing-agreement');
    const core = manifest.activities.filter((a) => a.recipients.includes(mhclg!.id));
    expect(core.length).toBeGreaterThan(0);
  });

  it('shares the National Insurance number for Universal Credit', () => {
    const uc = manifest.activities.find((a) => a.purpose.includes('Universal Credit'));
    const ni = manifest.categories.find(
      (c) => c.dpv.includes('pd:NationalID') && uc?.categories.includes(c.id),
    );
    expect(ni).toBeDefined();
    expect(uc!.recipients.length).toBeGreaterThan(0);
  });

  it('promises never to sell personal data', () => {
    expect(manifest.promises).toContain('never-sell');
    expect(normalise(renderDeclarations(manifest))).toContain(normalise(NEVER_SELL));
  });
});
