/**
 * A problem with an import, placed in its source: the file, the line, the field and the reason.
 * Reasons never carry the value found, only what was wrong with it: the rows are personal data.
 */
export interface ImportProblem {
  file: string;
  /** The line in the file where the row starts; absent for a problem with the whole file. */
  line?: number;
  /** What the value was for, e.g. `contact-log.channel (column "method")`. */
  field?: string;
  reason: string;
}

export function formatImportProblem(p: ImportProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return [where, p.field, p.reason].filter(Boolean).join(' ');
}

/** File order first (as given), then line, so a reader can work down each file. */
export function sortProblems(problems: ImportProblem[], files: readonly string[]): ImportProblem[] {
  const order = (f: string) => {
    const i = files.indexOf(f);
    return i === -1 ? files.length : i;
  };
  return problems.sort(
    (a, b) =>
      order(a.file) - order(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.field ?? '').localeCompare(b.field ?? ''),
  );
}
