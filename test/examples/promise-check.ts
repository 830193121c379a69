/**
 * The shared check for an example modelled on a seed landlord's notice: it validates, maps to known
 * DPV terms, every phrase is quoted from the original, and each phrase is both declared by the kind
 * of declaration that must make the promise and stated in the notice rendered from declarations
 * alone. Each example's test file keeps only its phrases and its own quirks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/manifest/problems.ts';
import type { Manifest } from '../../src/manifest/schema.ts';
import { validateFile } from '../../src/manifest/validate.ts';
import { isKnownCategoryTerm, SUBJECT_TERMS } from '../../src/manifest/vocabulary/dpv.ts';
import { RIGHTS, type RightId } from '../../src/manifest/vocabulary/law.ts';
import { renderNotice } from '../../src/notice/render.ts';

/** Case, line breaks and curly quotes are layout, not content. */
export const normalise = (s: string) =>
  s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();

/** The texts of one kind of declaration, where a phrase of that kind must be declared. */
export type DeclaredIn = (m: Manifest) => (string | undefined)[];

export const controllerTexts: DeclaredIn = ({ controller: c }) => [
  c.name,
  c.shortName,
  c.regulator,
  c.address,
  c.website,
  ...Object.values(c.registrations),
  ...c.contacts.flatMap((x) => [x.label, x.value]),
];
export const subjectTexts: DeclaredIn = (m) => m.subjects.flatMap((s) => [s.name, s.description]);
export const categoryTexts: DeclaredIn = (m) =>
  m.categories.flatMap((c) => [c.name, c.description, ...c.examples]);
export const sourceTexts: DeclaredIn = (m) => m.sources.flatMap((s) => [s.name, s.description]);
export const purposeTexts: DeclaredIn = (m) =>
  m.activities.flatMap((a) => [
    a.name,
    a.purpose,
    ...a.lawfulBases.flatMap((b) => [b.detail, b.interest, b.withdrawal]),
  ]);
export const recipientTexts: DeclaredIn = (m) =>
  m.recipients.flatMap((r) => [r.name, r.description, r.notice]);
export const retentionTexts: DeclaredIn = (m) => [
  ...m.retention.map((r) => r.description),
  ...m.events.map((e) => e.name),
];
export const securityTexts: DeclaredIn = (m) => [
  ...m.notice.security,
  m.notice.storage,
  ...m.systems.flatMap((s) => [s.name, s.location]),
  ...m.activities.flatMap((a) => (a.transfers === 'none' ? [] : a.transfers.map((t) => t.detail))),
];
export const cookieTexts: DeclaredIn = (m) => m.cookies.flatMap((c) => [c.name, c.provider, c.purpose]);
export const rightsTexts: DeclaredIn = (m) => [m.notice.howToUseRights];

export type Promises = Record<string, { declaredIn: DeclaredIn; phrases: string[] }>;

export interface SeedExample {
  /** The example's file name in examples/ and the seed's in shared/seeds/, without extension. */
  name: string;
  promises: Promises;
  rights: { right: RightId; inNotice: string }[];
  /** Further phrases the file's own tests use, which must also be quoted from the original. */
  alsoQuoted?: string[];
}

/** The notice rendered from declarations alone: free-text sections and a hand-written summary dropped. */
export function renderDeclarations(m: Manifest): string {
  return renderNotice({ ...m, notice: { ...m.notice, sections: [], summary: undefined } }, 'txt');
}

export function loadExample(name: string): Manifest {
  const file = fileURLToPath(new URL(`../../examples/${name}.yaml`, import.meta.url));
  const { manifest, problems } = validateFile(file, { today: '2026-11-23' });
  // Everything reads the manifest; without one, say why at once rather than fail obscurely.
  if (!manifest) throw new Error(`the example does not load:\n${problems.map(formatProblem).join('\n')}`);
  return manifest;
}

export function describePromises(example: SeedExample): Manifest {
  const file = fileURLToPath(new URL(`../../examples/${example.name}.yaml`, import.meta.url));
  // The seed notices live beside the repository (shared/seeds), not in it; without them that check is skipped.
  const seedFile = new URL(`../../../shared/seeds/${example.name}.txt`, import.meta.url).pathname;
  const { problems } = validateFile(file, { today: '2026-11-23' });
  const manifest = loadExample(example.name);

  it('validates with zero errors', () => {
    expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
  });

  it('maps every category and data subject to a known DPV term', () => {
    const unknown = [
      ...manifest.categories.flatMap((c) => c.dpv.filter((t) => !isKnownCategoryTerm(t))),
      ...manifest.subjects.flatMap((s) =>
        s.dpv && !(SUBJECT_TERMS as readonly string[]).includes(s.dpv) ? [s.dpv] : [],
      ),
    ];
    expect(unknown).toEqual([]);
  });

  describe.skipIf(!existsSync(seedFile))('every phrase is quoted from the original notice', () => {
    const seed = existsSync(seedFile) ? normalise(readFileSync(seedFile, 'utf8')) : '';
    const quoted = [
      ...Object.values(example.promises).flatMap((g) => g.phrases),
      ...example.rights.map((r) => r.inNotice),
      ...(example.alsoQuoted ?? []),
    ];
    it.each(quoted)('%s', (phrase) => expect(seed).toContain(normalise(phrase)));
  });

  describe('the manifest declares, and the rendered notice states, every promise of the original', () => {
    const text = normalise(renderDeclarations(manifest));
    describe.each(Object.entries(example.promises))('%s', (_group, { declaredIn, phrases }) => {
      // Joined with a separator no phrase contains, so a phrase cannot straddle two declarations.
      const declared = normalise(declaredIn(manifest).filter(Boolean).join(' | '));
      it.each(phrases)('%s', (phrase) => {
        expect(declared, 'declared in the manifest').toContain(normalise(phrase));
        expect(text, 'stated in the rendered notice').toContain(normalise(phrase));
      });
    });
  });

  describe('the rendered notice lists every right the original names', () => {
    const text = normalise(renderNotice(manifest, 'txt'));
    it.each(example.rights)('$right ("$inNotice")', ({ right }) =>
      expect(text).toContain(normalise(RIGHTS[right].label)),
    );
  });

  return manifest;
}
