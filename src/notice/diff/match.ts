/**
 * Pairing the entries of two manifests by id. An entry whose id changed but whose name did not is
 * the same entry renamed, not one dropped and another added, so a tidy-up of ids is not reported
 * as a new purpose or a new recipient.
 */

export interface Named {
  id: string;
  name?: string | undefined;
}

export interface Matched<T> {
  pairs: [old: T, next: T][];
  added: T[];
  removed: T[];
  /** Old id → new id, for entries matched by name. */
  renamed: Map<string, string>;
}

function sameName(a: Named, b: Named): boolean {
  const normal = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();
  return a.name !== undefined && b.name !== undefined && normal(a.name) === normal(b.name);
}

export function matchById<T extends Named>(old: readonly T[], next: readonly T[]): Matched<T> {
  const nextIds = new Set(next.map((item) => item.id));
  const oldById = new Map(old.map((item) => [item.id, item]));
  const pairs: [T, T][] = [];
  const renamed = new Map<string, string>();
  const unmatchedOld = old.filter((item) => !nextIds.has(item.id));
  const added: T[] = [];
  for (const item of next) {
    const sameId = oldById.get(item.id);
    const renamedFrom = sameId ? undefined : unmatchedOld.find((candidate) => sameName(candidate, item));
    const previous = sameId ?? renamedFrom;
    if (!previous) {
      added.push(item);
      continue;
    }
    pairs.push([previous, item]);
    if (renamedFrom) {
      renamed.set(renamedFrom.id, item.id);
      unmatchedOld.splice(unmatchedOld.indexOf(renamedFrom), 1);
    }
  }
  return { pairs, added, removed: unmatchedOld, renamed };
}

/** Old ids in the new manifest's terms, so lists can be compared across a rename. */
export function carryIds(ids: readonly string[], renamed: ReadonlyMap<string, string>): string[] {
  return ids.map((id) => renamed.get(id) ?? id);
}

/** What one id list gained and lost, the old list already carried into the new ids. */
export function listChanges<T>(old: readonly T[], next: readonly T[]): { added: T[]; removed: T[] } {
  return {
    added: next.filter((id) => !old.includes(id)),
    removed: old.filter((id) => !next.includes(id)),
  };
}
