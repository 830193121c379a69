/** Authorised representatives: who may make a rights request for whom, for which rights, and until when. */
export { addRepresentative, type Agent, type NewRepresentative, type Scope } from './create.ts';
export { endRepresentative, type EndOfAuthority } from './end.ts';
export { authorityIn, checkAuthority, type Authority } from './authority.ts';
export { readRepresentative, type RepresentativeView } from './read.ts';
export { listRepresentatives } from './list.ts';
export {
  EVIDENCE_KINDS,
  REPRESENTATIVE_KINDS,
  type AuthorityRefusal,
  type EvidenceKind,
  type RepresentativeKind,
} from './vocabulary.ts';
