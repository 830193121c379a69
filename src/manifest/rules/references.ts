/** Every id is declared once, and every reference points at something declared. */
import { lookup, type ManifestLookup } from '../lookup.ts';
import type { Finding, PathSegment } from '../problems.ts';
import type { Manifest } from '../schema.ts';
import { didYouMean } from '../suggest.ts';

type Kind = Exclude<keyof ManifestLookup, never>;

const KIND_WORDS: Record<Kind, string> = {
  subjects: 'data subject',
  categories: 'category',
  activities: 'activity',
  recipients: 'recipient',
  retention: 'retention rule',
  recordTypes: 'record type',
  roles: 'role',
  sources: 'source',
  systems: 'system',
  teams: 'team',
  events: 'controller event',
  entities: 'group entity',
};

export class ReferenceChecker {
  readonly findings: Finding[] = [];
  private readonly l: ManifestLookup;

  constructor(manifest: Manifest) {
    this.l = lookup(manifest);
  }

  /** Report `value` at `path` unless a `kind` with that id is declared; true if it exists. */
  ref(kind: Kind, value: string | undefined, path: PathSegment[]): boolean {
    if (value === undefined) return true;
    const table = this.l[kind] as Map<string, unknown>;
    if (table.has(value)) return true;
    this.findings.push({
      rule: 'ref/dangling',
      message: `"${value}" is not a declared ${KIND_WORDS[kind]}${didYouMean(value, table.keys())}`,
      path,
    });
    return false;
  }

  refs(kind: Kind, values: readonly string[] | undefined, path: PathSegment[]): void {
    values?.forEach((value, i) => this.ref(kind, value, [...path, i]));
  }
}

function duplicateIds(manifest: Manifest): Finding[] {
  const lists: [string, { id: string }[]][] = [
    ['subjects', manifest.subjects],
    ['categories', manifest.categories],
    ['activities', manifest.activities],
    ['recipients', manifest.recipients],
    ['retention', manifest.retention],
    ['recordTypes', manifest.recordTypes],
    ['roles', manifest.roles],
    ['sources', manifest.sources],
    ['systems', manifest.systems],
    ['teams', manifest.teams],
    ['events', manifest.events],
  ];
  const findings: Finding[] = [];
  for (const [key, items] of lists) {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) {
        findings.push({
          rule: 'ref/duplicate-id',
          message: `"${item.id}" is declared twice in ${key}`,
          path: [key, i, 'id'],
        });
      }
      seen.add(item.id);
    });
  }
  return findings;
}

export function checkReferences(manifest: Manifest): Finding[] {
  const c = new ReferenceChecker(manifest);
  manifest.activities.forEach((a, i) => {
    const at = ['activities', i];
    c.refs('subjects', a.subjects, [...at, 'subjects']);
    c.refs('categories', a.categories, [...at, 'categories']);
    c.refs('sources', a.sources, [...at, 'sources']);
    c.refs('recipients', a.recipients, [...at, 'recipients']);
    c.refs('systems', a.systems, [...at, 'systems']);
    c.refs('entities', a.entities, [...at, 'entities']);
    c.ref('retention', a.retention, [...at, 'retention']);
    c.ref('recipients', a.onBehalfOf, [...at, 'onBehalfOf']);
    a.lawfulBases.forEach((b, j) => {
      const inBasis = [...at, 'lawfulBases', j, 'categories'];
      b.categories?.forEach((cat, k) => {
        if (c.ref('categories', cat, [...inBasis, k]) && !a.categories.includes(cat)) {
          c.findings.push({
            rule: 'ref/category-not-in-activity',
            message: `"${cat}" is covered by this basis but is not one of the activity's categories`,
            path: [...inBasis, k],
          });
        }
      });
    });
    if (a.transfers !== 'none')
      a.transfers.forEach((t, j) => c.ref('recipients', t.recipient, [...at, 'transfers', j, 'recipient']));
  });
  manifest.recipients.forEach((r, i) =>
    r.agreements.forEach((g, j) => {
      c.refs('categories', g.categories, ['recipients', i, 'agreements', j, 'categories']);
      c.refs('activities', g.activities, ['recipients', i, 'agreements', j, 'activities']);
    }),
  );
  manifest.recordTypes.forEach((t, i) => {
    c.refs('activities', t.activities, ['recordTypes', i, 'activities']);
    c.ref('retention', t.retention, ['recordTypes', i, 'retention']);
    c.ref('teams', t.segregated, ['recordTypes', i, 'segregated']);
    t.fields.forEach((f, j) => c.ref('categories', f.category, ['recordTypes', i, 'fields', j, 'category']));
  });
  manifest.roles.forEach((r, i) => {
    c.refs('activities', r.purposes, ['roles', i, 'purposes']);
    c.ref('teams', r.team, ['roles', i, 'team']);
    r.access.forEach((a, j) => c.ref('recordTypes', a.recordType, ['roles', i, 'access', j, 'recordType']));
  });
  manifest.systems.forEach((s, i) => c.ref('recipients', s.hostedBy, ['systems', i, 'hostedBy']));
  return [...duplicateIds(manifest), ...c.findings];
}
