/**
 * The Willow Housing example manifest keeps every promise of the notice it is modelled on: it
 * validates, and the notice rendered from it states each recipient, category, purpose, right,
 * contact detail and security measure the original states, in the original's own words.
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
      'Willow Housing Support Limited',
      'ZA221241',
      'info@willow-housing.co.uk',
      '0121 579 0301',
      'www.willow-housing.co.uk',
      'contact form on our website',
      'calling in',
    ],
  },
  'whose information': {
    declaredIn: subjectTexts,
    phrases: [
      'current, former and potential customers who live in our properties or access our support and other services',
      'Visitors to our website and our offices',
      'people associated with them',
      'message us via a social media application',
      'employees',
    ],
  },
  categories: {
    declaredIn: categoryTexts,
    phrases: [
      'contact details',
      'people associated with',
      'financial information (including the receipt of benefits)',
      'other housing providers/private landlords',
      'credit reference agencies',
      'mental or physical health information (including whether you have any disabilities we should be aware of)',
      'substance abuse',
      'promotion or survey',
      'health status in regards to the coronavirus',
      'racial or ethnic origin',
      'sex life or sexual orientation',
      'religious or philosophical beliefs',
      'political opinions',
      'membership of a Trade Union',
      'biometric data such as fingerprints',
      'allegations of criminal offences and criminal convictions and offences',
      'breaches of tenancy',
      'alleged anti-social behaviour',
      'suspected fraud',
      'logging repairs',
      'your contact with us, whether by phone, email, in writing or in person',
      'incoming and outgoing calls in our Contact Centre',
      'CCTV images',
      'at our events, at our properties and in our communities',
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
      'tenancy sign-up',
      'customer portal',
      'promotion or survey',
      'other support agencies which relate to you',
      'family, friends and neighbours',
      'other housing providers/private landlords',
      'your mortgage lender (if you own/have owned your own home)',
      'the Police',
      'the Probation Service',
      'support workers, social workers, mental health workers',
      'credit reference agencies',
      'feedback from our contractors about appointments with you',
      'incoming and outgoing calls',
      'calls transferred to an internal line',
      'Closed Circuit Television (CCTV) surveillance cameras',
      'automatically collect',
      'at our events, at our properties and in our communities',
    ],
  },
  'purposes and consent': {
    declaredIn: purposeTexts,
    phrases: [
      'contain/delay the spread of the virus',
      'responsible landlord and employer',
      'in line with current government advice',
      'determine your housing needs',
      'enter into, or manage any contract we have with you',
      'appropriate support',
      'understand our customers and their needs better',
      'access care services',
      'so that we have a record of what happened',
      'neighbourhood disputes',
      'deal with any legal action',
      'deal with your query',
      'record information whenever you contact us or use our services',
      'check any instructions given to us',
      'for training purposes',
      'improve the quality of our customer service',
      'to provide security and to protect both our visitors and communities',
      'to detect or prevent crime',
      'general marketing and publicity',
      'with your consent',
      'Communications Team',
      'written consent',
      'may affect the services that we can make available to you',
      'subscribing to take part in research',
      'in order for our website to work correctly',
      'customer portals',
      'regulators, funders, or purchasers or potential purchasers of our business',
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
      'relevant contractors',
      'social services',
      'other social landlords',
      'government departments as required',
      'the government',
      'the emergency services',
      'Police',
      'third party cloud hosting and IT infrastructure providers',
      'agencies and authorities we work with',
      'regulators',
      'funders',
      'purchasers or potential purchasers of our business',
      'required by law',
    ],
  },
  retention: {
    declaredIn: retentionTexts,
    phrases: [
      'six months after the UK government has declared the pandemic is over',
      'Data Retention Schedule',
      'recorded over',
    ],
  },
  'security, storage and transfers': {
    declaredIn: securityTexts,
    phrases: [
      'secure and confidential',
      'need to know',
      'robust and thorough process',
      'defence in-depth security model',
      'multiple layers of security',
      'testing, backup, archiving and disaster recovery',
      'mandatory information security and data protection training',
      'annually thereafter',
      'strong encryption',
      'padlock icon',
      'complete control of what they see',
      "ICO's CCTV Code of Practice",
      'notices so you know when CCTV is used',
      'based in the UK',
      'within the European Union (EU)',
      'outside the European Economic Area',
      'adequately protected',
      'housing system',
      'system based storage files',
    ],
  },
};

/** The rights the original names, each with its words in the notice. Its list of rights is lost from the copy. */
const RIGHTS_STATED: { right: RightId; inNotice: string }[] = [
  { right: 'access', inNotice: 'right of access to your data' },
  { right: 'access', inNotice: 'the right to see copies of the personal data we hold about you' },
  {
    right: 'complain',
    inNotice: "make a complaint to the regulator, the Information Commissioner's Office (ICO)",
  },
  { right: 'withdraw-consent', inNotice: 'you have the right to withdraw that consent at any time' },
];

const NEVER_SELL = 'never sell your personal data';

describe('examples/willow-housing.yaml', () => {
  const manifest = describePromises({
    name: 'willow-housing',
    promises: PROMISES,
    rights: RIGHTS_STATED,
    alsoQuoted: [NEVER_SELL],
  });

  describe('the temporary Coronavirus Update', () => {
    it('is a temporary section of the notice, rendered as such', () => {
      const section = manifest.notice.sections.find((s) => s.title === 'Coronavirus Update');
      expect(section?.temporary).toBe(true);
      const text = renderNotice(manifest, 'txt');
      expect(text).toMatch(/^\d+\. Coronavirus Update\b.*temporary/im);
      expect(normalise(text)).toContain(normalise('secure, password protected email'));
    });

    it('keeps coronavirus health data until six months after the government declares the pandemic over', () => {
      const activity = manifest.activities.find((a) => a.categories.includes('coronavirus-health'));
      const rule = manifest.retention.find((r) => r.id === activity?.retention);
      expect(rule).toMatchObject({ trigger: 'event:pandemic-declared-over', period: 'P6M' });
      expect(manifest.events.map((e) => e.id)).toContain('pandemic-declared-over');
    });
  });

  it('promises never to sell personal data', () => {
    expect(manifest.promises).toContain('never-sell');
    expect(normalise(renderDeclarations(manifest))).toContain(normalise(NEVER_SELL));
  });

  it('declares a safeguard for every transfer outside the UK', () => {
    const transfers = manifest.activities.flatMap((a) => (a.transfers === 'none' ? [] : a.transfers));
    expect(transfers.length).toBeGreaterThan(0);
    expect(transfers.filter((t) => !t.safeguard)).toEqual([]);
  });
});
