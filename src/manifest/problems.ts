/** A problem found in a manifest, located in its source file. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  /** Path inside the manifest, e.g. ["activities", 3, "retention"]. */
  path: (string | number)[];
}

export type PathSegment = string | number;

/** A problem before it is placed in the file: rules speak in manifest paths, not lines. */
export interface Finding {
  rule: string;
  severity?: 'error' | 'warning';
  message: string;
  path: PathSegment[];
  /** Point at the key itself rather than its value (for unknown keys). */
  atKey?: boolean;
}

export function formatProblem(p: Problem): string {
  const level = p.severity === 'warning' ? 'warning ' : '';
  return `${p.file}:${p.line}:${p.col} ${p.rule} ${level}${p.message}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
