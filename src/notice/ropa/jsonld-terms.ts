/**
 * How manifest values map to DPV terms in the JSON-LD record. The UK law DPV lacks (Art. 10,
 * DPA 2018 Schedule 1) is minted in the custos-gb namespace, as vocabulary/dpv.ts does.
 * UK GDPR keeps the EU GDPR's article numbers, so eu-gdpr terms name UK GDPR articles too.
 */
import type { LawfulBasis, Manifest, Recipient } from '../../manifest/schema.ts';
import { LAWFUL_BASES, type TransferSafeguardId } from '../../manifest/vocabulary/law.ts';
import { DPV_PREFIXES } from '../../manifest/vocabulary/dpv.ts';

/**
 * The prefixes, plus the properties whose values are terms: declaring them "@id" makes a
 * value such as "pd:Health" an IRI rather than a string, so the record reads as RDF.
 */
export const ROPA_JSONLD_CONTEXT = {
  ...DPV_PREFIXES,
  loc: 'https://w3id.org/dpv/loc#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dct: 'http://purl.org/dc/terms/',
  'dpv:hasPersonalData': { '@type': '@id' },
  'dpv:hasDataSubject': { '@type': '@id' },
  'dpv:hasLegalBasis': { '@type': '@id' },
  'dpv:hasRight': { '@type': '@id' },
  'dpv:hasProcessing': { '@type': '@id' },
  'dpv:hasThirdCountry': { '@type': '@id' },
  'dpv:hasDataController': { '@type': '@id' },
  'dpv:isImplementedByEntity': { '@type': '@id' },
} as const;

export function schedule1Term(paragraph: number): string {
  return `custos-gb:DPA2018-Sch1-Para${paragraph}`;
}

/** Every legal basis term one manifest basis stands for: Art. 6, Art. 9, Art. 10 and Schedule 1. */
export function legalBasisTerms(basis: LawfulBasis): string[] {
  const terms: string[] = [LAWFUL_BASES[basis.basis].dpv];
  if (basis.art9) terms.push(`eu-gdpr:A9-2-${basis.art9}`);
  terms.push(...basis.schedule1.map(schedule1Term));
  if (basis.art10?.officialAuthority) terms.push('custos-gb:Art10-OfficialAuthority');
  if (basis.art10 && basis.art10.schedule1.length > 0) {
    terms.push('custos-gb:Art10-Schedule1', ...basis.art10.schedule1.map(schedule1Term));
  }
  return terms;
}

/**
 * The IDTA and the Addendum are standard clauses issued by the ICO (DPA 2018 s.119A), which is
 * UK GDPR Art. 46(2)(d). A derogation is not named more closely by the manifest, so it gets
 * DPV's general transfer basis.
 */
export const TRANSFER_SAFEGUARD_TERMS: Record<TransferSafeguardId, string> = {
  adequacy: 'eu-gdpr:A45-3',
  idta: 'eu-gdpr:A46-2-d',
  addendum: 'eu-gdpr:A46-2-d',
  'binding-corporate-rules': 'eu-gdpr:A46-2-b',
  derogation: 'dpv:DataTransferLegalBasis',
};

export const RECIPIENT_TYPES: Record<NonNullable<Recipient['role']>, string> = {
  processor: 'dpv:DataProcessor',
  controller: 'dpv:DataController',
  'joint-controller': 'dpv:JointDataControllers',
  'public-authority': 'dpv:GovernmentalOrganisation',
};

export const SOURCE_TYPES: Record<Manifest['sources'][number]['kind'], string> = {
  'data-subject': 'dpv:DataSubjectDataSource',
  'third-party': 'dpv:ThirdPartyDataSource',
  public: 'dpv:PublicDataSource',
  observed: 'dpv:DataControllerDataSource',
  derived: 'dpv:DataControllerDataSource',
};

/** Node IRIs for things only this manifest names: stable across exports, no web address needed. */
export function nodeIri(manifest: Manifest, kind: string, id: string): string {
  return `urn:custos:${manifest.controller.id}:${kind}:${id}`;
}
