/** The purposes a subject access pack is read under. */
import { SUBJECT_ACCESS_ACTIVITY } from '../../manifest/reserved.ts';
import type { Manifest } from '../../manifest/schema.ts';

/** The activity a manifest declares for answering rights requests (the demo and starter manifests). */
export const SAR_PURPOSE = SUBJECT_ACCESS_ACTIVITY;

/** The fewest activities (greedy, in declaration order) that together serve every record type. */
export function coveringPurposes(manifest: Manifest): string[] {
  const chosen: string[] = [];
  for (const type of manifest.recordTypes) {
    if (type.activities.some((a) => chosen.includes(a))) continue;
    chosen.push(type.activities[0]!);
  }
  return chosen;
}

/**
 * Reading for a subject access request is its own purpose: the manifest's subject-access activity
 * when it declares one. A manifest without it falls back to the activities that cover every record
 * type, each read audited under the purpose that opened it.
 */
export function sarPurposes(manifest: Manifest): string[] {
  return manifest.activities.some((a) => a.id === SAR_PURPOSE) ? [SAR_PURPOSE] : coveringPurposes(manifest);
}
