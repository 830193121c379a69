/**
 * Turns zod's issues into findings a DPO can act on: the field, the reason, and for unknown
 * keys the nearest known key.
 */
import type { z } from 'zod';
import type { Finding, PathSegment } from './problems.ts';
import { didYouMean } from './suggest.ts';

type AnySchema = z.ZodType;

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  innerType?: AnySchema;
  options?: AnySchema[];
  in?: AnySchema;
}

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The object shapes a value at `path` may take (several for unions). */
function shapesAt(schema: AnySchema, path: PathSegment[]): Record<string, AnySchema>[] {
  const def = defOf(schema);
  if (def.innerType) return shapesAt(def.innerType, path);
  if (def.in) return shapesAt(def.in, path);
  if (def.options) return def.options.flatMap((option) => shapesAt(option, path));
  if (path.length === 0) return def.shape ? [def.shape] : [];
  const [head, ...rest] = path;
  if (def.type === 'array' && def.element) return shapesAt(def.element, rest);
  if (def.shape && typeof head === 'string' && def.shape[head]) return shapesAt(def.shape[head], rest);
  return [];
}

export function knownKeysAt(schema: AnySchema, path: PathSegment[]): string[] {
  return [...new Set(shapesAt(schema, path).flatMap((shape) => Object.keys(shape)))];
}

function describeReceived(issue: z.core.$ZodIssue, input: unknown): string {
  let value: unknown = input;
  for (const segment of issue.path) {
    if (value === null || typeof value !== 'object') return '';
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  if (value === undefined) return '';
  if (value === null) return ' (found nothing)';
  if (Array.isArray(value)) return ' (found a list)';
  if (typeof value === 'object') return ' (found a mapping)';
  return ` (found ${JSON.stringify(value).slice(0, 40)})`;
}

function fieldName(path: PathSegment[]): string {
  if (path.length === 0) return 'the manifest';
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

export function shapeFindings(schema: AnySchema, error: z.ZodError, input: unknown): Finding[] {
  const findings: Finding[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        findings.push({
          rule: 'schema/unknown-key',
          message: `${fieldName([...path, key])} is not a known key${didYouMean(key, known)}`,
          path: [...path, key],
          atKey: true,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_value' && issue.values.length > 0 && issue.values.length <= 40) {
      const allowed = issue.values.map(String);
      const received = describeReceived(issue, input);
      const found = received.match(/^ \(found "(.*)"\)$/)?.[1] ?? '';
      findings.push({
        rule: 'schema/invalid-value',
        message: `${fieldName(path)} must be one of ${allowed.join(', ')}${received}${didYouMean(found, allowed)}`,
        path,
      });
      continue;
    }
    const missing = issue.code === 'invalid_type' && describeReceived(issue, input) === '';
    findings.push({
      rule: missing ? 'schema/missing' : 'schema/invalid',
      message: missing
        ? `${fieldName(path)} is required`
        : `${fieldName(path)} ${issue.message.replace(/^Invalid input: /, '')}${describeReceived(issue, input)}`,
      path,
    });
  }
  return findings;
}
