/**
 * The checks one mapping entry needs against the manifest: a value spec against its target
 * field (exactly one source, a date format for dates and only for dates, value-map targets within
 * an enum), a record type's fields, a record type serving the purpose, subject types.
 */
import { lookup } from '../manifest/lookup.ts';
import type { Finding, PathSegment } from '../manifest/problems.ts';
import type { Manifest, RecordType } from '../manifest/schema.ts';
import { didYouMean } from '../manifest/suggest.ts';
import { compileDateFormat, ISO } from './dates.ts';
import { expand, type ValueSpec } from './mapping-schema.ts';
import type { CompiledValue, Target } from './values.ts';

/** Collects findings (paths into the mapping) and the columns the source reads. */
export class Checker {
  readonly findings: Finding[] = [];
  readonly columns = new Set<string>();
  constructor(readonly manifest: Manifest) {}

  add(path: PathSegment[], message: string, atKey = false) {
    this.findings.push({ rule: 'mapping/manifest', message, path, atKey });
  }

  /** One value spec: where it comes from, its value map and its date format, against its target. */
  value(spec: ValueSpec, target: Target, path: PathSegment[]): CompiledValue {
    const s = expand(spec);
    if ((s.column === undefined) === (s.value === undefined))
      this.add(path, `${target.name} needs exactly one of column and value`);
    if (s.column !== undefined) this.columns.add(s.column);
    if (target.type === 'enum') this.enumTargets(s, target, path);
    const date = this.dateFormat(s, target, path);
    return { target, column: s.column, constant: s.value, map: s.values, ...(date && { date }) };
  }

  /** Dates are read only by a stated format (a constant is ISO); a format on a non-date is a slip. */
  private dateFormat(s: Exclude<ValueSpec, string>, target: Target, path: PathSegment[]) {
    const isDate = target.type === 'date' || target.type === 'datetime';
    if (!isDate) {
      if (s.date !== undefined) this.add([...path, 'date'], `${target.name} is not a date field`, true);
      return undefined;
    }
    if (s.date === undefined && s.value === undefined) {
      this.add(
        path,
        `${target.name} is a date: give its format, e.g. date: DD/MM/YYYY (dates are never guessed)`,
      );
      return undefined;
    }
    const format = compileDateFormat(s.date ?? ISO);
    if (typeof format !== 'string') return format;
    this.add([...path, 'date'], `date format ${format}`);
    return undefined;
  }

  /** What a value map (or constant) gives must be one of the enum's values. */
  private enumTargets(s: Exclude<ValueSpec, string>, target: Target, path: PathSegment[]) {
    const allowed = target.values ?? [];
    const targets: [PathSegment[], string | number | boolean][] = Object.entries(s.values ?? {}).map(
      ([code, v]) => [[...path, 'values', code], v],
    );
    if (s.value !== undefined) targets.push([[...path, 'value'], s.value]);
    for (const [at, v] of targets)
      if (!allowed.includes(String(v)))
        this.add(
          at,
          `"${v}" is not one of ${target.name}'s values (${allowed.join(', ')})${didYouMean(String(v), allowed)}`,
        );
  }

  /** Field name → value spec, for a record type's fields; unknown and missing required ones reported. */
  fields(
    type: RecordType,
    specs: Record<string, ValueSpec>,
    path: PathSegment[],
  ): Map<string, CompiledValue> {
    const out = new Map<string, CompiledValue>();
    const names = type.fields.map((f) => f.name);
    for (const [name, spec] of Object.entries(specs)) {
      const field = type.fields.find((f) => f.name === name);
      if (!field)
        this.add([...path, name], `"${name}" is not a field of ${type.name}${didYouMean(name, names)}`, true);
      else
        out.set(
          name,
          this.value(spec, { name: `${type.id}.${name}`, type: field.type, values: field.values }, [
            ...path,
            name,
          ]),
        );
    }
    for (const f of type.fields)
      if (f.required && !specs[f.name])
        this.add(path, `${type.name} requires ${f.name}, which the mapping does not fill`);
    return out;
  }

  recordType(id: string, purpose: string, path: PathSegment[]): RecordType | undefined {
    const l = lookup(this.manifest);
    const type = l.recordTypes.get(id);
    if (!type) {
      const known = [...l.recordTypes.keys()];
      this.add(
        path,
        `"${id}" is not a record type of ${this.manifest.controller.id}${didYouMean(id, known)}`,
      );
      return undefined;
    }
    const activity = l.activities.get(purpose);
    if (activity && !type.activities.includes(activity.id))
      this.add(
        path,
        `${type.name} records do not serve ${activity.id}; import them with a mapping for ${type.activities.join(' or ')}`,
      );
    return type;
  }

  /** Subject type ids, each with the path segment it is written at (a list index or a code). */
  subjects(entries: [PathSegment, string][], path: PathSegment[]) {
    const known = [...lookup(this.manifest).subjects.keys()];
    for (const [at, id] of entries)
      if (!known.includes(id))
        this.add(
          [...path, at],
          `"${id}" is not a data subject of ${this.manifest.controller.id}${didYouMean(id, known)}`,
        );
  }
}
