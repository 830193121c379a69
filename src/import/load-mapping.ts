/**
 * Reading a mapping file: YAML that remembers where every node came from, checked against the
 * mapping schema. Every problem is placed at file:line:col, and a misspelt key gets the nearest
 * known key as a suggestion, as the manifest's own validation does.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Finding, PathSegment, Problem } from '../manifest/problems.ts';
import { locate, type ManifestSource } from '../manifest/source.ts';
import { didYouMean } from '../manifest/suggest.ts';
import { mappingSchema, type Mapping } from './mapping-schema.ts';

/** The mapping is wrong: nothing was read from the data files. */
export class MappingError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`the mapping has ${problems.length} problem(s); no data was read`);
  }
}

export interface LoadedMapping {
  mapping: Mapping;
  /** The parsed YAML, to place later findings (check-mapping.ts) at their lines. */
  source: ManifestSource;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  out?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The keys an object at `path` may have (several shapes for a union). */
function knownKeys(schema: z.ZodType, path: PathSegment[]): string[] {
  const def = defOf(schema);
  const inner = def.innerType ?? def.out;
  if (inner) return knownKeys(inner, path);
  if (def.options) return def.options.flatMap((o) => knownKeys(o, path));
  if (path.length === 0) return Object.keys(def.shape ?? {});
  const [head, ...rest] = path;
  const next = def.element ?? def.valueType ?? (typeof head === 'string' ? def.shape?.[head] : undefined);
  return next ? knownKeys(next, rest) : [];
}

const label = (path: PathSegment[]) =>
  path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('') || 'the mapping';

function findings(error: z.ZodError): Finding[] {
  return error.issues.flatMap((issue): Finding[] => {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = [...new Set(knownKeys(mappingSchema, path))];
      return issue.keys.map((key) => ({
        rule: 'mapping/unknown-key',
        message: `${label([...path, key])} is not a known key${didYouMean(key, known)}`,
        path: [...path, key],
        atKey: true,
      }));
    }
    if (issue.code === 'invalid_value' && issue.values.length > 1)
      return [
        {
          rule: 'mapping/invalid',
          message: `${label(path)} must be one of ${issue.values.join(', ')}`,
          path,
        },
      ];
    if (issue.code === 'invalid_union') {
      const expected =
        path[path.length - 1] === 'subjectTypes'
          ? 'a list of subject types, or { column, values }'
          : 'a column name, or { column or value, values, date }';
      return [{ rule: 'mapping/invalid', message: `${label(path)} must be ${expected}`, path }];
    }
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    const reason = missing ? 'is required' : issue.message.replace(/^Invalid input: /, '');
    return [
      { rule: missing ? 'mapping/missing' : 'mapping/invalid', message: `${label(path)} ${reason}`, path },
    ];
  });
}

function fileProblem(file: string, message: string): MappingError {
  return new MappingError([
    { file, line: 1, col: 1, rule: 'mapping/file', severity: 'error', message, path: [] },
  ]);
}

export function parseMapping(file: string, text: string): LoadedMapping {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new MappingError(
      doc.errors.map((e) => ({
        file,
        ...lines.linePos(e.pos[0]),
        rule: 'yaml/syntax',
        severity: 'error',
        message: e.message.split('\n')[0] ?? e.message,
        path: [],
      })),
    );
  }
  const source: ManifestSource = { file, text, doc, lines };
  const input: unknown = doc.toJS({ maxAliasCount: 100 });
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw fileProblem(file, 'must be a YAML mapping with keys such as mapping, purpose and sources');
  const parsed = mappingSchema.safeParse(input);
  if (!parsed.success) throw new MappingError(findings(parsed.error).map((f) => locate(source, f)));
  return { mapping: parsed.data, source };
}

export function loadMapping(file: string): LoadedMapping {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw fileProblem(
      file,
      code === 'ERR_ENCODING_INVALID_ENCODED_DATA'
        ? 'is not valid UTF-8 text'
        : 'cannot be read: no such file, or no permission',
    );
  }
  return parseMapping(file, text);
}
