/** What a manifest diff reports: each change placed in the manifest and said in plain English. */

export interface Change {
  /** What sort of change, e.g. "recipient-added" or "retention-longer". */
  kind: string;
  /** Where in the manifest, by ids rather than positions, e.g. "activities.repairs.recipients". */
  path: string;
  /** One sentence a DPO and a tenant both understand. */
  summary: string;
}

export interface ManifestDiff {
  /** Changes people must be told about before they take effect (UK GDPR Arts 13(3) and 14(4)). */
  material: Change[];
  /** Changes worth recording in the changelog that need no notice in advance. */
  minor: Change[];
}

/** A change as a comparer finds it, before the diff is split into material and minor. */
export interface FoundChange extends Change {
  material: boolean;
}

export function material(kind: string, path: string, summary: string): FoundChange {
  return { kind, path, summary, material: true };
}

export function minor(kind: string, path: string, summary: string): FoundChange {
  return { kind, path, summary, material: false };
}

/** A change that is material only when `isMaterial` holds, e.g. a source that is not the person. */
export function materialIf(isMaterial: boolean, kind: string, path: string, summary: string): FoundChange {
  return { kind, path, summary, material: isMaterial };
}
