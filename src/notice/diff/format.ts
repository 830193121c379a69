/** A diff as the CLI prints it (text), for a pull request or changelog (md), or for tools (json). */
import type { Change, ManifestDiff } from './types.ts';

export type DiffFormat = 'text' | 'md' | 'json';

export const MATERIAL_HEADING = 'Material changes (tell people before they take effect)';
export const MINOR_HEADING = 'Minor changes';
export const NO_CHANGES = 'No changes';

function isEmpty(diff: ManifestDiff): boolean {
  return diff.material.length === 0 && diff.minor.length === 0;
}

function textSection(heading: string, changes: readonly Change[]): string[] {
  const items = changes.flatMap((change) => [
    `  - ${change.summary}`,
    `    ${change.kind} at ${change.path}`,
  ]);
  return [heading, ...(items.length ? items : ['  None'])];
}

/** Escapes the characters Markdown would read as formatting, e.g. in a cookie named custos_session. */
function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function markdownSection(heading: string, changes: readonly Change[]): string[] {
  const items = changes.map(
    (change) => `- ${escapeMarkdown(change.summary)} (\`${change.kind}\` at \`${change.path}\`)`,
  );
  return [`## ${heading}`, '', ...(items.length ? items : ['None.']), ''];
}

export function formatDiff(diff: ManifestDiff, format: DiffFormat): string {
  if (format === 'json') return JSON.stringify(diff, null, 2);
  if (isEmpty(diff)) return NO_CHANGES;
  if (format === 'md') {
    return [
      ...markdownSection(MATERIAL_HEADING, diff.material),
      ...markdownSection(MINOR_HEADING, diff.minor),
    ]
      .join('\n')
      .trimEnd();
  }
  return [
    ...textSection(MATERIAL_HEADING, diff.material),
    '',
    ...textSection(MINOR_HEADING, diff.minor),
  ].join('\n');
}
