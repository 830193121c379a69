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

/**
 * Why a released pack cannot be given again: 'changed', the information it was made from has
 * changed since (corrected, disposed of, erased or added to); 'earlier-version', it was released by
 * an earlier version of Custos that kept no copy of it (or recorded what it was made from another
 * way) and this version cannot make it again byte for byte. Only 'changed' says anything about the
 * person's information.
 */
export type NotAsReleasedBecause = 'changed' | 'earlier-version';

/** A released pack that cannot be given again exactly as released, and why. */
export class PackNotAsReleased extends InputError {
  constructor(
    readonly why: NotAsReleasedBecause,
    field: string,
    reason: string,
  ) {
    super(field, reason);
  }
}
