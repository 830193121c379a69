/**
 * The words of the demo landlord: places, and the plain-English phrases its staff write in case
 * notes. Written here rather than taken from faker's lorem so the demo reads like a real file.
 * Every place is fictional (the BV postcode area does not exist).
 */

export const PATCHES = ['north', 'south', 'east', 'west'] as const;
export type Patch = (typeof PATCHES)[number];

/** Each patch's town and postcode district. */
export const AREAS: Record<Patch, { town: string; district: string }> = {
  north: { town: 'Ashby Brook', district: 'BV1' },
  south: { town: 'Millford', district: 'BV2' },
  east: { town: 'Eastwick Green', district: 'BV3' },
  west: { town: 'Westholme', district: 'BV4' },
};

/** Where people who are not our residents live: outside our stock, still in the fictional area. */
export const ELSEWHERE = { town: 'Brookvale', district: 'BV9' };

/** Letters used in the inward part of real postcodes (no C, I, K, M, O or V). */
export const POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'.split('');

export const BLOCK_NAMES = ['Court', 'House', 'Lodge', 'Mews', 'Point', 'Heights'];

export const CONTRACTORS = [
  'contractor-acme',
  'contractor-brightspark',
  'contractor-dampfix',
  'contractor-northern-roofing',
  'contractor-greenway-plumbing',
];

/** What a contact was about, in words that fit any channel (the channel is chosen apart). */
export const CONTACT_SUMMARIES = [
  'Reported a change of bank details for the rent account',
  'Asked about the timescale for a repair already reported',
  'Checked the household details: no concerns raised',
  'Asked for a copy of the tenancy agreement',
  'Reported a change in household: a member has moved out',
  'Asked how to apply for a transfer to a larger home',
  'Discussed a Universal Credit claim and the housing costs element',
  'Asked about the annual rent increase letter',
  'Asked for permission to keep a pet',
  'Raised a concern about parking on the estate',
  'Asked about the garden maintenance scheme',
  'Discussed a letter on rent arrears; agreed to follow up',
  'Updated phone number and email address',
  'Asked about the resident portal and how to register',
  'Reported a missed bin collection on the estate',
];

export const REPAIRS = {
  plumbing: ['Leaking pipe under the kitchen sink', 'Toilet not flushing', 'Dripping bath tap'],
  electrical: [
    'Bathroom extractor fan not working',
    'Socket in the living room sparking',
    'Hall light fitting loose',
  ],
  carpentry: [
    'Front door does not lock properly',
    'Kitchen cupboard door hanging off',
    'Stair banister loose',
  ],
  roofing: [
    'Slipped roof tiles after the storm',
    'Gutter overflowing at the back',
    'Water coming through the loft',
  ],
  'damp-and-mould': [
    'Black mould in the back bedroom',
    'Damp patch on the bathroom ceiling',
    'Condensation and mould around windows',
  ],
  heating: [
    'Boiler not firing, no heating or hot water',
    'Radiator in bedroom cold at the top',
    'Boiler pressure keeps dropping',
  ],
  glazing: [
    'Cracked pane in the kitchen window',
    'Window handle broken, cannot close',
    'Blown double glazing unit',
  ],
  general: ['Fence panel blown down', 'Loose paving slab by the front door', 'Communal door closer broken'],
} as const;
export type Trade = keyof typeof REPAIRS;
export const TRADES = Object.keys(REPAIRS) as Trade[];

export const ACCESS_NOTES = [
  'Tenant uses a wheelchair; allow time to answer the door',
  'Tenant is hard of hearing; text before arriving',
  'Tenant has a respiratory condition; please keep dust to a minimum',
  'Tenant is partially sighted; please introduce yourself clearly',
  'Morning appointments only because of a health condition',
];

export const SUPPORT_NEEDS = [
  'Mental health support; prefers contact by email',
  'Learning disability; letters in easy read',
  'Mobility needs; ground floor access required',
  'Recovering from a stroke; needs help with forms',
  'Visual impairment; large print letters',
  'Hearing impairment; contact by text or email',
  'Long-term illness; support with benefit claims',
  'Autism; give appointments in writing in advance',
];

export const ASB_KINDS = [
  'noise',
  'harassment',
  'verbal-abuse',
  'drugs',
  'vandalism',
  'pets',
  'hate-incident',
  'threats',
  'other',
] as const;

export const ASB_NARRATIVES: Record<(typeof ASB_KINDS)[number], string> = {
  noise: 'Loud music and shouting from the neighbouring flat late at night, several nights a week',
  harassment: 'Repeated knocking on the door and messages left on the car windscreen',
  'verbal-abuse': 'Shouted at on the stairs when returning home',
  drugs: 'Frequent visitors at all hours and a smell of cannabis in the stairwell',
  vandalism: 'Communal door and intercom damaged again',
  pets: 'Dog barking for hours when left alone; dog fouling in the shared garden',
  'hate-incident': 'Offensive remarks about the family’s background made in the street',
  threats: 'Threatened during a dispute about parking',
  other: 'Rubbish left on the landing and blocking the fire exit',
};

export const ALLEGATIONS = [
  'Alleged criminal damage to the communal door',
  'Alleged threatening behaviour reported to the police',
  'Alleged possession of controlled drugs',
  'Alleged assault during a dispute on the landing',
];

export const WITNESS_STATEMENTS = [
  'I heard loud music and shouting from the flat above until about 2am',
  'I saw the damage to the door the next morning and heard raised voices the night before',
  'I was on the stairs and heard the remarks being made',
  'I have seen visitors coming and going at all hours over the past month',
];

export const COMPLAINT_SUMMARIES = {
  repairs: 'Repair reported several times and still not fixed; missed appointments',
  'anti-social-behaviour': 'Not kept informed about the progress of an anti-social behaviour report',
  'rent-and-charges': 'Service charge increase not explained',
  'staff-conduct': 'Staff member was rude on the phone',
  communication: 'No reply to emails for several weeks',
  lettings: 'Unhappy with the banding decision on the housing application',
  other: 'Grass cutting on the estate not done as scheduled',
} as const;
export type ComplaintTopic = keyof typeof COMPLAINT_SUMMARIES;
export const COMPLAINT_TOPICS = Object.keys(COMPLAINT_SUMMARIES) as ComplaintTopic[];

export const DECLINE_REASONS = [
  'No local connection to the district',
  'Not in housing need under the allocation policy',
  'Owns a property that is suitable to live in',
  'Income above the limit for social housing',
  'Did not provide the documents asked for',
];

export const MEDICAL_NEEDS = [
  'Needs level access because of a mobility impairment',
  'Child with asthma made worse by damp in the current home',
  'Mental health condition made worse by overcrowding',
];

export const CAMERAS = ['Entrance hall', 'Car park', 'Bin store', 'Stairwell level 2', 'Play area'];

export const CCTV_DESCRIPTIONS = [
  'Person identified entering the bin store',
  'Person identified in the car park late at night',
  'Person identified damaging the communal door',
  'Person identified in the stairwell during the reported incident',
];
