/** Refusals a review and a release give: each names the field and the reason, and carries no personal data. */
import { InputError } from '../../records/errors.ts';
import type { ReleaseRefusal } from './vocabulary.ts';

/** A release refused: nothing is released; the refusal is audited with its code. */
export class ReleaseRefused extends InputError {
  constructor(
    readonly code: ReleaseRefusal,
    field: string,
    reason: string,
  ) {
    super(field, reason);
  }
}

/** The identity evidence presented does not match the details held. */
export class IdentityMismatch extends InputError {}

/** A released pack rebuilt for giving again is not the pack released: what it was made from has changed. */
export class PackNotAsReleased extends InputError {}
