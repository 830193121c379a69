/** Third-party redaction detectors for subject access responses: pure functions over text. */
export {
  IDENTIFIER_LABELS,
  findIdentifiers,
  isPlausibleDrivingLicence,
  isPlausibleUkNsn,
  isValidNhsNumber,
  isValidNino,
  isValidPostcode,
  isValidUkPhone,
  type IdentifierFinding,
  type IdentifierKind,
} from './identifiers.ts';
export {
  findKnownPeople,
  findUnknownNames,
  knownPersonMatchers,
  type KnownPerson,
  type KnownPersonFinding,
  type NameFinding,
} from './names.ts';
export {
  THIRD_PARTY_REASON,
  applyRedactions,
  findRedactions,
  mergeRedactions,
  normaliseIdentifier,
  placeholderFor,
  type Redaction,
  type RedactionContext,
  type RedactionKind,
} from './redact.ts';
