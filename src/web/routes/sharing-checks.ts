/**
 * The disclosure log's own checks of single fields that need nothing but what was typed (the
 * categories disclosed, the activity, the words the basis needs, a day not in the future), run
 * with the form's schema so that every problem is shown at once (formProblems in forms.ts). Who
 * the person is, the recipient's authority and the agreement need the database: the write checks
 * them, once the form is good.
 */
import type { Manifest } from '../../manifest/schema.ts';
import type { IsoDate } from '../../rights/clock/index.ts';
import { checkPastDate } from '../../rights/requests/input.ts';
import {
  checkActivity,
  checkBasisWords,
  checkCategories,
  checkDisclosurePurpose,
  type DisclosureBasis,
} from '../../sharing/index.ts';

interface DisclosureFields {
  basis: DisclosureBasis;
  reference: string | undefined;
  reasons: string | undefined;
  recipientId: string | undefined;
  activityId: string | undefined;
  categories: string[];
  disclosedOn: string | undefined;
}

export const disclosureChecks = (manifest: Manifest, today: IsoDate) => ({
  reference: (words: string | undefined, f: Partial<DisclosureFields>) =>
    f.basis && checkBasisWords(f.basis, 'reference', words),
  reasons: (words: string | undefined, f: Partial<DisclosureFields>) =>
    f.basis && checkBasisWords(f.basis, 'reasons', words),
  // What the disclosure serves is what the audit records it under: asked for where the recipient
  // alone does not tell it (the police receive information for more than one activity).
  activityId: (id: string | undefined, f: Partial<DisclosureFields>) =>
    checkActivity(manifest, id, f.basis === 'agreement') ??
    checkDisclosurePurpose(manifest, f.basis, f.recipientId, id),
  categories: (ids: string[]) => checkCategories(manifest, ids),
  disclosedOn: (day: string | undefined) => day && checkPastDate(day, 'disclosedOn', today),
});
