/** Build manifest variants by editing the starter manifest's YAML, so each test names one change. */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { validateText, type Validation } from '../../src/manifest/validate.ts';

export const STARTER = new URL('../../src/manifest/starter.yaml', import.meta.url).pathname;
export const TODAY = '2026-11-23';
export const starterText = (): string => readFileSync(STARTER, 'utf8');

type Path = (string | number)[];
export type Edit = { set: Path; value: unknown } | { remove: Path };

export function editedStarter(...edits: Edit[]): string {
  const doc = parseDocument(starterText());
  for (const edit of edits) {
    if ('remove' in edit) doc.deleteIn(edit.remove);
    else doc.setIn(edit.set, doc.createNode(edit.value));
  }
  return doc.toString({ lineWidth: 0 });
}

export function validateEdited(...edits: Edit[]): Validation & { text: string } {
  const text = editedStarter(...edits);
  return { ...validateText('privacy.yaml', text, { today: TODAY }), text };
}

/** Index of the starter's activity with this id, so tests survive reordering. */
export function activityIndex(id: string): number {
  const doc = parseDocument(starterText()).toJS() as { activities: { id: string }[] };
  const i = doc.activities.findIndex((a) => a.id === id);
  if (i < 0) throw new Error(`no activity ${id} in the starter`);
  return i;
}

export function rulesOf(v: Validation): string[] {
  return v.problems.filter((p) => p.severity === 'error').map((p) => p.rule);
}

/** 1-based line of the first line containing `needle` at or after line `from`. */
export function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`"${needle}" not found`);
}
