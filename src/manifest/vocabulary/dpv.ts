/**
 * W3C DPV v2.3 terms Custos maps manifest entries to, and the UK terms it mints where DPV has
 * none (Article 10 and DPA 2018 Schedule 1). A manifest names a term as `prefix:Local`.
 */

export const DPV_PREFIXES = {
  dpv: 'https://w3id.org/dpv#',
  pd: 'https://w3id.org/dpv/pd#',
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
  'legal-gb': 'https://w3id.org/dpv/legal/gb#',
  'sector-publicservices': 'https://w3id.org/dpv/sector/publicservices#',
  'custos-gb': 'https://custos.dev/vocab/gb#',
} as const;
export type DpvPrefix = keyof typeof DPV_PREFIXES;

/** Personal-data category terms from DPV's `pd` extension that landlords use. */
export const PD_TERMS = [
  'Identifying',
  'Name',
  'Contact',
  'EmailAddress',
  'TelephoneNumber',
  'PhysicalAddress',
  'Age',
  'DateOfBirth',
  'Gender',
  'Sex',
  'Nationality',
  'FamilyStructure',
  'Relationship',
  'HouseholdStructure',
  'Financial',
  'FinancialAccount',
  'BankAccount',
  'PaymentCard',
  'Income',
  'Credit',
  'CreditRecord',
  'Transactional',
  'Employment',
  'EmploymentHistory',
  'Education',
  'GovernmentIssuedID',
  'NationalID',
  'Passport',
  'Communication',
  'CommunicationsMetadata',
  'Behavioral',
  'Interest',
  'Preference',
  'Opinion',
  'Image',
  'Photograph',
  'Voice',
  'Biometric',
  'Tracking',
  'IPAddress',
  'BrowsingBehavior',
  'DeviceBased',
  'Location',
  'HouseOwned',
  'Dwelling',
  'SocialMedia',
  'Vehicle',
  'HealthRecord',
  'Health',
  'PhysicalHealth',
  'MentalHealth',
  'Disability',
  'Accessibility',
  'RacialOrigin',
  'EthnicOrigin',
  'Race',
  'Religion',
  'ReligiousBelief',
  'PhilosophicalBelief',
  'PoliticalOpinion',
  'TradeUnionMembership',
  'SexualOrientation',
  'SexualHistory',
  'Genetic',
  'Criminal',
  'CriminalCharge',
  'CriminalConviction',
  'CriminalOffense',
  'CriminalPardon',
  'Professional',
  'Household',
  'Authenticating',
  'Password',
  'Identifier',
  'Demographic',
  'Family',
  'SocialStatus',
  'Character',
  'PersonalTrait',
  'Tax',
  'LifeHistory',
  'Prescription',
  'Insurance',
  'Service',
  'UsageHistory',
] as const;

/** Data-subject terms from DPV core. DPV has no Tenant or Leaseholder, so Custos mints them. */
export const SUBJECT_TERMS = [
  'dpv:DataSubject',
  'dpv:Applicant',
  'dpv:Child',
  'dpv:Adult',
  'dpv:Customer',
  'dpv:Consumer',
  'dpv:Visitor',
  'dpv:Employee',
  'dpv:JobApplicant',
  'dpv:Citizen',
  'dpv:Member',
  'dpv:User',
  'dpv:GuardianOfDataSubject',
  'dpv:ParentOfDataSubject',
  'dpv:VulnerableDataSubject',
  'dpv:MentallyVulnerableDataSubject',
  'dpv:ElderlyDataSubject',
  'dpv:AsylumSeeker',
  'dpv:Immigrant',
  'dpv:Participant',
  'dpv:Client',
  'dpv:Subscriber',
  'dpv:Patient',
  'dpv:Supplier',
  'dpv:Contractor',
  'dpv:Volunteer',
  'custos-gb:Tenant',
  'custos-gb:Leaseholder',
  'custos-gb:HouseholdMember',
  'custos-gb:EmergencyContact',
  'custos-gb:Complainant',
  'custos-gb:Witness',
  'custos-gb:AllegedPerpetrator',
  'custos-gb:Caller',
  'custos-gb:CctvSubject',
  'custos-gb:Advocate',
  'custos-gb:FormerTenant',
  'custos-gb:HousingApplicant',
  'custos-gb:SharedOwner',
  'custos-gb:Neighbour',
] as const;

/** Terms Custos mints for UK law that DPV lacks: Article 10 data and Schedule 1 conditions. */
export const CUSTOS_GB_TERMS = {
  'custos-gb:CriminalOffenceData':
    'Personal data relating to criminal convictions and offences (UK GDPR Art. 10, DPA 2018 s.11(2))',
  'custos-gb:AllegedOffence': 'Allegations of criminal offences (DPA 2018 s.11(2)(a))',
  'custos-gb:Art10-OfficialAuthority': 'Processing under the control of official authority (UK GDPR Art. 10)',
  'custos-gb:Art10-Schedule1': 'Processing authorised by a DPA 2018 Schedule 1 condition (UK GDPR Art. 10)',
  'custos-gb:A6-1-ea': 'Recognised legitimate interest (UK GDPR Art. 6(1)(ea), DUAA 2025)',
  'custos-gb:DPA2018-Sch1-Para{N}': 'A DPA 2018 Schedule 1 condition, paragraph N (1 to 37)',
  'custos-gb:hasAutomatedDecisionMaking':
    'Whether an activity makes solely automated decisions (true or false)',
  'custos-gb:retentionTrigger': 'The event that starts a retention period',
  'custos-gb:retentionAction': 'What happens when a retention period ends: erase, anonymise or review',
  'custos-gb:Tenant': 'A tenant of social housing',
  'custos-gb:Leaseholder': 'A leaseholder or shared owner of a social landlord',
  'custos-gb:HouseholdMember': 'A member of a tenant’s household',
} as const;

/** A valid `prefix:Local` term for a personal-data category. */
export function isKnownCategoryTerm(term: string): boolean {
  const [prefix, local] = term.split(':');
  if (prefix === 'pd') return (PD_TERMS as readonly string[]).includes(local ?? '');
  if (prefix === 'custos-gb') return true;
  return false;
}

export function expandTerm(term: string): string {
  const [prefix, ...rest] = term.split(':');
  const base = DPV_PREFIXES[prefix as DpvPrefix];
  return base ? base + rest.join(':') : term;
}
