/**
 * Loading and validating a manifest: shape first (zod), then the rules that need the whole
 * declaration. Everything is reported at once, each problem placed at its line and column.
 */
import type { Finding, Problem } from './problems.ts';
import { hasErrors } from './problems.ts';
import { checkLawfulBases } from './rules/lawful-basis.ts';
import { checkNotice } from './rules/notice.ts';
import { checkPromises } from './rules/promises.ts';
import { checkReferences } from './rules/references.ts';
import { checkRetention } from './rules/retention.ts';
import { checkRecordTypes, checkRoles } from './rules/roles.ts';
import { checkTransfers } from './rules/transfers.ts';
import { checkVocabulary } from './rules/vocabulary.ts';
import { checkWords } from './rules/words.ts';
import { MANIFEST_VERSION, manifestSchema, type Manifest } from './schema.ts';
import { shapeFindings } from './shape-check.ts';
import {
  locate,
  parseManifestText,
  readManifestFile,
  type ManifestSource,
  type ReadResult,
} from './source.ts';

export interface Validation {
  manifest?: Manifest;
  problems: Problem[];
}

export interface ValidateOptions {
  /** Today's date (YYYY-MM-DD) for review dates; time is an input, never read inside. */
  today?: string;
}

/** The cross-cutting rules, over a manifest whose shape is already sound. */
export function manifestFindings(manifest: Manifest, options: ValidateOptions = {}): Finding[] {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  return [
    ...checkReferences(manifest),
    ...checkLawfulBases(manifest),
    ...checkRetention(manifest),
    ...checkTransfers(manifest),
    ...checkRecordTypes(manifest),
    ...checkRoles(manifest),
    ...checkPromises(manifest),
    ...checkNotice(manifest, today),
    ...checkVocabulary(manifest),
    ...checkWords(manifest),
  ];
}

function validateSource(source: ManifestSource, options: ValidateOptions): Validation {
  const input: unknown = source.doc.toJS({ maxAliasCount: 100 });
  const wrongKind = notAManifest(input);
  if (wrongKind) return { problems: [locate(source, wrongKind)] };
  const parsed = manifestSchema.safeParse(input);
  if (!parsed.success) {
    return {
      problems: sortProblems(
        shapeFindings(manifestSchema, parsed.error, input).map((f) => locate(source, f)),
      ),
    };
  }
  const problems = sortProblems(manifestFindings(parsed.data, options).map((f) => locate(source, f)));
  return { manifest: parsed.data, problems };
}

function fromRead(read: ReadResult, options: ValidateOptions): Validation {
  return read.ok ? validateSource(read.source, options) : { problems: read.problems };
}

export function validateFile(file: string, options: ValidateOptions = {}): Validation {
  return fromRead(readManifestFile(file), options);
}

export function validateText(file: string, text: string, options: ValidateOptions = {}): Validation {
  return fromRead(parseManifestText(file, text), options);
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule));
}

export class ManifestError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`the manifest has ${problems.filter((p) => p.severity === 'error').length} error(s)`);
  }
}

/** A manifest that other modules may rely on: throws ManifestError unless it validates. */
export function loadManifest(file: string, options: ValidateOptions = {}): Manifest {
  const result = validateFile(file, options);
  if (!result.manifest || hasErrors(result.problems)) throw new ManifestError(result.problems);
  return result.manifest;
}

/** A file that is some other kind of document, or a manifest of another format: one clear line, not a dozen. */
function notAManifest(input: unknown): Finding | undefined {
  const top = (input ?? {}) as Record<string, unknown>;
  if (!('manifest' in top) && 'mapping' in top) {
    return {
      rule: 'file/not-a-manifest',
      message:
        'this looks like an import mapping (it has "mapping:"), not a privacy manifest; use it with custos import --mapping',
      path: [],
    };
  }
  if (typeof top.manifest === 'number' && top.manifest !== MANIFEST_VERSION) {
    return {
      rule: 'manifest/unsupported-format',
      message: `manifest format ${top.manifest} is not supported; this version of Custos reads format ${MANIFEST_VERSION}`,
      path: ['manifest'],
    };
  }
  return undefined;
}
