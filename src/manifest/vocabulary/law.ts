/**
 * UK data protection law as data: lawful bases, Article 9 conditions, DPA 2018 Schedule 1
 * paragraphs and the rights each basis carries. Everything that renders, validates or
 * enforces the manifest reads these tables, so the law is written down once.
 * Sources: ../shared/domain/uk-rules.md §2 and §5.
 */

export const LAWFUL_BASES = {
  consent: { article: '6(1)(a)', label: 'Consent', dpv: 'eu-gdpr:A6-1-a' },
  contract: { article: '6(1)(b)', label: 'Contract', dpv: 'eu-gdpr:A6-1-b' },
  'legal-obligation': { article: '6(1)(c)', label: 'Legal obligation', dpv: 'eu-gdpr:A6-1-c' },
  'vital-interests': { article: '6(1)(d)', label: 'Vital interests', dpv: 'eu-gdpr:A6-1-d' },
  'public-task': { article: '6(1)(e)', label: 'Public task', dpv: 'eu-gdpr:A6-1-e' },
  'recognised-legitimate-interest': {
    article: '6(1)(ea)',
    label: 'Recognised legitimate interest',
    dpv: 'custos-gb:A6-1-ea',
  },
  'legitimate-interests': { article: '6(1)(f)', label: 'Legitimate interests', dpv: 'eu-gdpr:A6-1-f' },
} as const;
export type LawfulBasisId = keyof typeof LAWFUL_BASES;
export const LAWFUL_BASIS_IDS = Object.keys(LAWFUL_BASES) as [LawfulBasisId, ...LawfulBasisId[]];

/** Article 9(2) conditions. `needsSchedule1` marks those DPA 2018 s.10 ties to a Schedule 1 condition. */
export const ART9_CONDITIONS = {
  a: { label: 'Explicit consent', needsSchedule1: false },
  b: { label: 'Employment, social security and social protection law', needsSchedule1: true },
  c: { label: 'Vital interests where the person cannot consent', needsSchedule1: false },
  d: {
    label: 'Not-for-profit body with a political, philosophical, religious or trade union aim',
    needsSchedule1: false,
  },
  e: { label: 'Made manifestly public by the person', needsSchedule1: false },
  f: { label: 'Legal claims or judicial acts', needsSchedule1: false },
  g: { label: 'Reasons of substantial public interest', needsSchedule1: true },
  h: { label: 'Health or social care', needsSchedule1: true },
  i: { label: 'Public health', needsSchedule1: true },
  j: { label: 'Archiving, research or statistics', needsSchedule1: true },
} as const;
export type Art9ConditionId = keyof typeof ART9_CONDITIONS;
export const ART9_IDS = Object.keys(ART9_CONDITIONS) as [Art9ConditionId, ...Art9ConditionId[]];

/** DPA 2018 Schedule 1 paragraphs, with the part each sits in. */
export const SCHEDULE1: Record<number, { part: 1 | 2 | 3; label: string }> = {
  1: { part: 1, label: 'Employment, social security and social protection' },
  2: { part: 1, label: 'Health or social care purposes' },
  3: { part: 1, label: 'Public health' },
  4: { part: 1, label: 'Research etc' },
  5: { part: 2, label: 'Substantial public interest: the general condition' },
  6: { part: 2, label: 'Statutory and government purposes' },
  7: { part: 2, label: 'Administration of justice and parliamentary purposes' },
  8: { part: 2, label: 'Equality of opportunity or treatment' },
  9: { part: 2, label: 'Racial and ethnic diversity at senior levels of organisations' },
  10: { part: 2, label: 'Preventing or detecting unlawful acts' },
  11: { part: 2, label: 'Protecting the public against dishonesty etc' },
  12: { part: 2, label: 'Regulatory requirements relating to unlawful acts and dishonesty etc' },
  13: { part: 2, label: 'Journalism etc in connection with unlawful acts and dishonesty etc' },
  14: { part: 2, label: 'Preventing fraud' },
  15: { part: 2, label: 'Suspicion of terrorist financing or money laundering' },
  16: { part: 2, label: 'Support for individuals with a particular disability or medical condition' },
  17: { part: 2, label: 'Counselling etc' },
  18: { part: 2, label: 'Safeguarding of children and of individuals at risk' },
  19: { part: 2, label: 'Safeguarding of economic well-being of certain individuals' },
  20: { part: 2, label: 'Insurance' },
  21: { part: 2, label: 'Occupational pensions' },
  22: { part: 2, label: 'Political parties' },
  23: { part: 2, label: 'Elected representatives responding to requests' },
  24: { part: 2, label: 'Disclosure to elected representatives' },
  25: { part: 2, label: 'Informing elected representatives about prisoners' },
  26: { part: 2, label: 'Publication of legal judgments' },
  27: { part: 2, label: 'Anti-doping in sport' },
  28: { part: 2, label: 'Standards of behaviour in sport' },
  29: { part: 3, label: 'Consent (criminal offence data)' },
  30: { part: 3, label: 'Protecting individual’s vital interests (criminal offence data)' },
  31: { part: 3, label: 'Processing by not-for-profit bodies (criminal offence data)' },
  32: { part: 3, label: 'Personal data in the public domain (criminal offence data)' },
  33: { part: 3, label: 'Legal claims (criminal offence data)' },
  34: { part: 3, label: 'Judicial acts (criminal offence data)' },
  35: { part: 3, label: 'Administration of accounts used in commission of indecency offences' },
  36: { part: 3, label: 'Extension of Part 2 conditions without the substantial public interest test' },
  37: { part: 3, label: 'Extension of insurance conditions' },
};

/** Art. 9(2) condition whose required Schedule 1 paragraphs sit in which part. */
export const ART9_SCHEDULE1_PARTS: Partial<Record<Art9ConditionId, readonly number[]>> = {
  b: [1],
  g: [2],
  h: [1],
  i: [1],
  j: [1],
};

export const RIGHTS = {
  informed: { label: 'The right to be informed', article: 'Articles 13 and 14', dpv: 'eu-gdpr:A13' },
  access: { label: 'The right of access', article: 'Article 15', dpv: 'eu-gdpr:A15' },
  rectification: { label: 'The right to rectification', article: 'Article 16', dpv: 'eu-gdpr:A16' },
  erasure: { label: 'The right to erasure', article: 'Article 17', dpv: 'eu-gdpr:A17' },
  restriction: { label: 'The right to restrict processing', article: 'Article 18', dpv: 'eu-gdpr:A18' },
  portability: { label: 'The right to data portability', article: 'Article 20', dpv: 'eu-gdpr:A20' },
  objection: { label: 'The right to object', article: 'Article 21', dpv: 'eu-gdpr:A21' },
  'automated-decisions': {
    label: 'Rights about automated decision-making',
    article: 'Articles 22A to 22D',
    dpv: 'eu-gdpr:A22',
  },
  'withdraw-consent': {
    label: 'The right to withdraw consent',
    article: 'Article 7(3)',
    dpv: 'eu-gdpr:A7-3',
  },
  complain: { label: 'The right to complain to the ICO', article: 'Article 77', dpv: 'eu-gdpr:A77' },
} as const;
export type RightId = keyof typeof RIGHTS;

/**
 * Which rights each lawful basis carries, from the ICO's table of rights by basis.
 * Informed, access, rectification and complaint apply to every basis.
 */
export const RIGHTS_BY_BASIS: Record<LawfulBasisId, readonly RightId[]> = {
  consent: ['erasure', 'restriction', 'portability', 'withdraw-consent'],
  contract: ['erasure', 'restriction', 'portability'],
  'legal-obligation': ['restriction'],
  'vital-interests': ['erasure', 'restriction'],
  'public-task': ['restriction', 'objection'],
  'recognised-legitimate-interest': ['erasure', 'restriction', 'objection'],
  'legitimate-interests': ['erasure', 'restriction', 'objection'],
};
export const RIGHTS_FOR_EVERY_BASIS: readonly RightId[] = ['informed', 'access', 'rectification', 'complain'];

/** Transfer safeguards under UK GDPR Chapter V. */
export const TRANSFER_SAFEGUARDS = {
  adequacy: 'UK adequacy regulations (data bridge)',
  idta: 'International data transfer agreement (IDTA)',
  addendum: 'International data transfer addendum to the EU standard contractual clauses',
  'binding-corporate-rules': 'Binding corporate rules',
  derogation: 'An Article 49 derogation for a specific situation',
} as const;
export type TransferSafeguardId = keyof typeof TRANSFER_SAFEGUARDS;

/** Countries with UK adequacy regulations ("data bridges") in force. EEA states included. */
export const UK_ADEQUATE_COUNTRIES = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IS',
  'IE',
  'IT',
  'LV',
  'LI',
  'LT',
  'LU',
  'MT',
  'NL',
  'NO',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'AD',
  'AR',
  'CA',
  'FO',
  'GG',
  'IM',
  'IL',
  'JP',
  'JE',
  'NZ',
  'KR',
  'CH',
  'UY',
  'US',
]);

/** Exemptions a landlord applies to a subject access response (DPA 2018 Schedule 2 and 3). */
export const EXEMPTIONS = {
  'third-party': 'Information about another person (DPA 2018 Sch. 2 para. 16)',
  'crime-and-taxation': 'Crime and taxation (DPA 2018 Sch. 2 para. 2)',
  'legal-professional-privilege': 'Legal professional privilege (DPA 2018 Sch. 2 para. 19)',
  'self-incrimination': 'Self-incrimination (DPA 2018 Sch. 2 para. 20)',
  'management-forecasts': 'Management forecasts (DPA 2018 Sch. 2 Pt 4)',
  negotiations: 'Negotiations with the requester (DPA 2018 Sch. 2 Pt 4)',
  'confidential-references': 'Confidential references (DPA 2018 Sch. 2 Pt 4)',
  'social-work': 'Social work data (DPA 2018 Sch. 3)',
  'health-data': 'Health data (DPA 2018 Sch. 3)',
} as const;
