/** The notice's own metadata and wording, and the promises it makes. */
import type { Manifest } from '../../manifest/schema.ts';
import { dayWords } from '../../manifest/words.ts';
import { matchById } from './match.ts';
import { material, minor, type FoundChange } from './types.ts';
import { PROMISE_WORDS } from './words.ts';

type Notice = Manifest['notice'];

const METADATA_WORDS = {
  title: 'title',
  version: 'version',
  effective: 'effective date',
  reviewDue: 'review date',
  author: 'author',
  audience: 'audience',
} as const;

const WORDED_PARTS = {
  summary: 'summary',
  storage: 'description of where we hold your data',
  howToUseRights: 'explanation of how to use your rights',
  portal: 'portal address',
} as const;

type Metadata = keyof typeof METADATA_WORDS;
const DATES: readonly Metadata[] = ['effective', 'reviewDue'];

/** A metadata value as people read it: its dates as UK dates. */
function metadataWords(notice: Notice, field: Metadata): string {
  const value = notice[field];
  if (value === undefined) return 'not given';
  return DATES.includes(field) ? dayWords(value) : value;
}

function metadataChanges(old: Notice, next: Notice): FoundChange[] {
  const changes = (Object.keys(METADATA_WORDS) as Metadata[])
    .filter((field) => old[field] !== next[field])
    .map((field) =>
      minor(
        'notice-metadata-changed',
        `notice.${field}`,
        `The notice ${METADATA_WORDS[field]} is now ${metadataWords(next, field)} (was ${metadataWords(old, field)})`,
      ),
    );
  if (JSON.stringify(old.changelog) !== JSON.stringify(next.changelog)) {
    changes.push(minor('notice-metadata-changed', 'notice.changelog', 'The notice changelog was updated'));
  }
  return changes;
}

function wordingChanges(old: Notice, next: Notice): FoundChange[] {
  const changes = (Object.keys(WORDED_PARTS) as (keyof typeof WORDED_PARTS)[])
    .filter((field) => JSON.stringify(old[field]) !== JSON.stringify(next[field]))
    .map((field) =>
      minor('wording-changed', `notice.${field}`, `The notice ${WORDED_PARTS[field]} was reworded`),
    );
  if (JSON.stringify(old.security) !== JSON.stringify(next.security)) {
    changes.push(
      minor(
        'security-wording-changed',
        'notice.security',
        'The description of how we keep your data secure was reworded',
      ),
    );
  }
  return changes;
}

function sectionChanges(old: Notice, next: Notice): FoundChange[] {
  const { added, removed, pairs } = matchById(old.sections, next.sections);
  const path = (id: string) => `notice.sections.${id}`;
  return [
    ...added.map((s) =>
      minor('notice-section-added', path(s.id), `The notice has a new section, "${s.title}"`),
    ),
    ...pairs
      .filter(([a, b]) => JSON.stringify(a) !== JSON.stringify(b))
      .map(([, b]) => minor('wording-changed', path(b.id), `The notice section "${b.title}" was reworded`)),
    ...removed.map((s) =>
      minor('notice-section-removed', path(s.id), `The notice section "${s.title}" was removed`),
    ),
  ];
}

export function noticeChanges(old: Notice, next: Notice): FoundChange[] {
  return [...metadataChanges(old, next), ...wordingChanges(old, next), ...sectionChanges(old, next)];
}

/** A promise withdrawn takes away an assurance people were given, so they must hear of it. */
export function promiseChanges(old: Manifest['promises'], next: Manifest['promises']): FoundChange[] {
  return [
    ...old
      .filter((p) => !next.includes(p))
      .map((p) => material('promise-withdrawn', 'promises', `We no longer promise that ${PROMISE_WORDS[p]}`)),
    ...next
      .filter((p) => !old.includes(p))
      .map((p) => minor('promise-added', 'promises', `We now promise that ${PROMISE_WORDS[p]}`)),
  ];
}
