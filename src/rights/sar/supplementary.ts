/**
 * The supplementary information a subject access response must give (UK GDPR Art. 15(1)(a)–(h)
 * and 15(2); uk-rules.md §1.2), from the manifest, for the activities the pack's records serve.
 */
import { lookup } from '../../manifest/lookup.ts';
import { PERSON_TYPE } from '../../manifest/reserved.ts';
import type { Manifest } from '../../manifest/schema.ts';
import { RIGHTS, TRANSFER_SAFEGUARDS } from '../../manifest/vocabulary/law.ts';
import { describeBasis, describeRetention, namesOf, rightsForActivity } from '../../notice/describe.ts';
import type { PackActivity, Supplementary } from './types.ts';

/** The activities served by the given record types (and always the person's details). */
export function activitiesFor(manifest: Manifest, recordTypes: Iterable<string>): string[] {
  const l = lookup(manifest);
  const wanted = new Set<string>();
  for (const typeId of new Set([PERSON_TYPE, ...recordTypes]))
    l.recordTypes.get(typeId)?.activities.forEach((a) => wanted.add(a));
  return manifest.activities.map((a) => a.id).filter((id) => wanted.has(id));
}

export function supplementary(manifest: Manifest, activityIds: readonly string[]): Supplementary {
  const l = lookup(manifest);
  const activities: PackActivity[] = [];
  for (const id of activityIds) {
    const a = l.activities.get(id);
    if (!a) continue;
    const rule = a.retention ? l.retention.get(a.retention) : undefined;
    activities.push({
      id: a.id,
      name: a.name,
      purpose: a.purpose,
      lawfulBases: a.lawfulBases.map(describeBasis),
      categories: namesOf(a.categories, l.categories),
      recipients: a.recipients.map((r) => {
        const recipient = l.recipients.get(r);
        return { name: recipient?.name ?? r, country: recipient?.country ?? 'GB' };
      }),
      retention: rule ? describeRetention(manifest, rule) : null,
      sources: namesOf(a.sources, l.sources),
      automatedDecisions:
        a.automatedDecisions === 'none'
          ? []
          : a.automatedDecisions.map((d) => ({
              name: d.name,
              logic: d.logic,
              significance: d.significance,
              humanReview: d.humanReview,
            })),
      transfers:
        a.transfers === 'none'
          ? []
          : a.transfers.map((t) => ({
              country: t.country,
              safeguard: t.safeguard ? TRANSFER_SAFEGUARDS[t.safeguard] : (t.detail ?? null),
            })),
      rights: rightsForActivity(a).map((r) => RIGHTS[r].label),
    });
  }
  return {
    activities,
    complaint:
      'You have the right to complain to the Information Commissioner’s Office (ICO), www.ico.org.uk, 0303 123 1113, if you are unhappy with how we have handled your information.',
    rightsStatement:
      'You can ask us to correct (rectify) information that is wrong, and, where the law allows, to erase it, to restrict how we use it, or object to our using it.',
  };
}
