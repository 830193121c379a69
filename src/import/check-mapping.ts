/**
 * A mapping checked against the controller's manifest before any data is read: the purpose, the
 * record types and their fields, subject types, value maps and date formats. The result is a
 * plan whose every value knows its target field, so reading a row cannot meet an unknown name.
 */
import { lookup } from '../manifest/lookup.ts';
import type { Finding, PathSegment } from '../manifest/problems.ts';
import type { Manifest, RecordType } from '../manifest/schema.ts';
import { locate } from '../manifest/source.ts';
import { didYouMean } from '../manifest/suggest.ts';
import { RELATIONSHIPS } from '../records/batch.ts';
import { PERSON_TYPE } from '../records/store.ts';
import { MappingError, type LoadedMapping } from './load-mapping.ts';
import { Checker } from './mapping-checker.ts';
import { expand, type SourceSpec } from './mapping-schema.ts';
import type { CompiledValue, Target } from './values.ts';

export interface PlannedPeople {
  key?: string;
  subjects: string[] | { column: string; values: Record<string, string> };
  fields: Map<string, CompiledValue>;
}
export interface PlannedHouseholds {
  key: string;
  person?: string;
  property: Partial<Record<'address' | 'postcode' | 'uprn' | 'patch', CompiledValue>>;
  relationship: CompiledValue;
  startedOn: CompiledValue;
  endedOn?: CompiledValue;
}
export interface PlannedTenancies {
  key?: string;
  kind: CompiledValue;
  startedOn: CompiledValue;
  endedOn?: CompiledValue;
  party?: CompiledValue;
}
export interface PlannedRecords {
  type: RecordType;
  /** The column holding the source system's id of the record. */
  key?: string;
  person: string;
  when?: string;
  fields: Map<string, CompiledValue>;
  patch?: CompiledValue;
  team?: CompiledValue;
  assignedTo?: CompiledValue;
}
export interface PlannedSource {
  spec: SourceSpec;
  people?: PlannedPeople;
  households?: PlannedHouseholds;
  tenancies?: PlannedTenancies;
  records: PlannedRecords[];
  /** Every column the source reads, to check against a CSV header. */
  columns: Set<string>;
}
export interface Plan {
  controllerId: string;
  purpose: string;
  manifest: Manifest;
  /** The source system, when the mapping names one: then re-imports are matched by key. */
  system?: string;
  /** The patches the mapping lists: a patch read from a row must be one of them. */
  patches: ReadonlySet<string>;
  sources: PlannedSource[];
}

const text = (name: string): Target => ({ name, type: 'string' });
const date = (name: string): Target => ({ name, type: 'date' });

function planPeople(
  c: Checker,
  spec: NonNullable<SourceSpec['people']>,
  purpose: string,
  path: PathSegment[],
): PlannedPeople | undefined {
  const type = c.recordType(PERSON_TYPE, purpose, [...path]);
  if (!type) return undefined;
  const fields = c.fields(type, spec.fields, [...path, 'fields']);
  const refSpec = spec.fields.customerRef;
  const refColumn = refSpec === undefined ? undefined : expand(refSpec).column;
  if (spec.key && refSpec !== undefined && refColumn !== spec.key)
    c.add(
      [...path, 'key'],
      'key and fields.customerRef must be the same column: the key is the customer reference',
    );
  const key = spec.key ?? refColumn;
  if (key) c.columns.add(key);
  if (Array.isArray(spec.subjectTypes))
    c.subjects(
      spec.subjectTypes.map((id, i) => [i, id]),
      [...path, 'subjectTypes'],
    );
  else {
    c.columns.add(spec.subjectTypes.column);
    c.subjects(Object.entries(spec.subjectTypes.values), [...path, 'subjectTypes', 'values']);
  }
  return { key, subjects: spec.subjectTypes, fields };
}

function planHouseholds(
  c: Checker,
  spec: NonNullable<SourceSpec['households']>,
  path: PathSegment[],
): PlannedHouseholds {
  c.columns.add(spec.key);
  if (spec.person) c.columns.add(spec.person);
  const p = spec.property;
  const at = (...rest: PathSegment[]) => [...path, ...rest];
  const property: PlannedHouseholds['property'] = {
    address: c.value(p.address, { name: 'property.address', type: 'text' }, at('property', 'address')),
    postcode: c.value(p.postcode, text('property.postcode'), at('property', 'postcode')),
  };
  if (p.uprn !== undefined) property.uprn = c.value(p.uprn, text('property.uprn'), at('property', 'uprn'));
  if (p.patch !== undefined)
    property.patch = c.value(p.patch, text('property.patch'), at('property', 'patch'));
  return {
    key: spec.key,
    person: spec.person,
    property,
    relationship: c.value(
      spec.relationship,
      { name: 'household.relationship', type: 'enum', values: RELATIONSHIPS },
      at('relationship'),
    ),
    startedOn: c.value(spec.startedOn, date('household.startedOn'), at('startedOn')),
    endedOn:
      spec.endedOn === undefined
        ? undefined
        : c.value(spec.endedOn, date('household.endedOn'), at('endedOn')),
  };
}

function planTenancies(
  c: Checker,
  spec: NonNullable<SourceSpec['tenancies']>,
  path: PathSegment[],
): PlannedTenancies {
  if (spec.key) c.columns.add(spec.key);
  return {
    key: spec.key,
    kind: c.value(spec.kind, text('tenancy.kind'), [...path, 'kind']),
    startedOn: c.value(spec.startedOn, date('tenancy.startedOn'), [...path, 'startedOn']),
    endedOn:
      spec.endedOn === undefined
        ? undefined
        : c.value(spec.endedOn, date('tenancy.endedOn'), [...path, 'endedOn']),
    party:
      spec.party === undefined
        ? undefined
        : c.value(spec.party, { name: 'tenancy.party', type: 'boolean' }, [...path, 'party']),
  };
}

function planRecords(
  c: Checker,
  spec: NonNullable<SourceSpec['records']>[number],
  purpose: string,
  path: PathSegment[],
): PlannedRecords | undefined {
  const type = c.recordType(spec.recordType, purpose, [...path, 'recordType']);
  if (type?.id === PERSON_TYPE)
    c.add([...path, 'recordType'], 'people are imported with people:, not as records');
  if (!type || type.id === PERSON_TYPE) return undefined;
  c.columns.add(spec.person);
  if (spec.when) c.columns.add(spec.when);
  if (spec.key) c.columns.add(spec.key);
  const opt = (name: 'patch' | 'team' | 'assignedTo') =>
    spec[name] === undefined ? undefined : c.value(spec[name], text(`${type.id}.${name}`), [...path, name]);
  return {
    type,
    key: spec.key,
    person: spec.person,
    when: spec.when,
    fields: c.fields(type, spec.fields, [...path, 'fields']),
    patch: opt('patch'),
    team: opt('team'),
    assignedTo: opt('assignedTo'),
  };
}

function shapeRules(c: Checker, s: SourceSpec, path: PathSegment[], several: boolean) {
  if (several && !s.match) c.add(path, 'needs match: (its file name) when the mapping has several sources');
  if (s.csv && s.format !== 'csv')
    c.add([...path, 'csv'], `csv options do not apply to format ${s.format}`, true);
  if (s.csv?.header && s.csv.columns)
    c.add([...path, 'csv', 'columns'], 'columns are for files without a header line (header: false)', true);
  if (!s.people && !s.households && !s.records?.length)
    c.add(path, 'says nothing to import: give people, households or records');
  if (s.tenancies && !s.households)
    c.add([...path, 'tenancies'], 'tenancies need households in the same source', true);
  if (s.households && !s.people && !s.households.person)
    c.add(
      [...path, 'households'],
      'households need people in the same source, or person: (the customer-reference column)',
      true,
    );
  if (s.households?.person && s.people)
    c.add(
      [...path, 'households', 'person'],
      'households take the row’s own person when the source has people',
      true,
    );
}

function planSource(
  manifest: Manifest,
  purpose: string,
  s: SourceSpec,
  path: PathSegment[],
  several: boolean,
) {
  const c = new Checker(manifest);
  shapeRules(c, s, path, several);
  const planned: PlannedSource = {
    spec: s,
    people: s.people && planPeople(c, s.people, purpose, [...path, 'people']),
    households: s.households && planHouseholds(c, s.households, [...path, 'households']),
    tenancies: s.tenancies && planTenancies(c, s.tenancies, [...path, 'tenancies']),
    records: (s.records ?? []).flatMap((r, j) => planRecords(c, r, purpose, [...path, 'records', j]) ?? []),
    columns: c.columns,
  };
  return { planned, findings: c.findings };
}

/**
 * Keys and the system go together: a record key means nothing without the system it is an id in,
 * and with a system named, a record without a key would be created again by every re-import.
 */
function keyRules(mapping: LoadedMapping['mapping']): Finding[] {
  return mapping.sources.flatMap((s, i) =>
    (s.records ?? []).flatMap((r, j): Finding[] => {
      const path: PathSegment[] = ['sources', i, 'records', j];
      if (r.key && !mapping.system)
        return [
          {
            rule: 'mapping/system',
            message:
              'system: is required when a record has key: (the name of the housing management system the keys come from)',
            path: [...path, 'key'],
          },
        ];
      if (!r.key && mapping.system)
        return [
          {
            rule: 'mapping/key',
            message: `key: is required (the column with the record's id in ${mapping.system}), so re-importing does not create the record again`,
            path,
          },
        ];
      return [];
    }),
  );
}

/**
 * A patch is what lets a patch-scoped officer see a home and its records, and nothing in the
 * store lists the patches there are (staff accounts just name theirs). So a mapping that imports
 * patches lists them, and a misspelt or unknown patch is refused rather than imported where no
 * officer could ever see it.
 */
function patchRules(mapping: LoadedMapping['mapping']): Finding[] {
  if (mapping.patches) return [];
  return mapping.sources.flatMap((s, i): Finding[] => {
    const paths: PathSegment[][] = [];
    if (s.households?.property.patch !== undefined)
      paths.push(['sources', i, 'households', 'property', 'patch']);
    (s.records ?? []).forEach(
      (r, j) => r.patch !== undefined && paths.push(['sources', i, 'records', j, 'patch']),
    );
    return paths.map((path) => ({
      rule: 'mapping/patches',
      message:
        'patches: is required when a patch is imported (the patches staff are given, e.g. [north, south]), so a row with an unknown patch is refused',
      path,
    }));
  });
}

function chooseController(loaded: LoadedMapping, manifests: ReadonlyMap<string, Manifest>, given?: string) {
  const id =
    given ?? loaded.mapping.controller ?? (manifests.size === 1 ? [...manifests.keys()][0] : undefined);
  if (id && manifests.has(id)) return manifests.get(id)!;
  const known = [...manifests.keys()];
  const message = id
    ? `controller "${id}"${given ? ' (from --controller)' : ''} is not one the store knows${didYouMean(id, known)}`
    : `the store has several controllers (${known.join(', ')}): name one with controller: or --controller`;
  throw new MappingError([
    locate(loaded.source, { rule: 'mapping/controller', message, path: ['controller'] }),
  ]);
}

export function planImport(
  loaded: LoadedMapping,
  manifests: ReadonlyMap<string, Manifest>,
  controller?: string,
): Plan {
  const manifest = chooseController(loaded, manifests, controller);
  const { mapping } = loaded;
  const findings: Finding[] = [];
  const activities = [...lookup(manifest).activities.keys()];
  if (!activities.includes(mapping.purpose))
    findings.push({
      rule: 'mapping/manifest',
      message: `"${mapping.purpose}" is not an activity of ${manifest.controller.id}${didYouMean(mapping.purpose, activities)}`,
      path: ['purpose'],
    });
  const sources = mapping.sources.map((s, i) => {
    const { planned, findings: f } = planSource(
      manifest,
      mapping.purpose,
      s,
      ['sources', i],
      mapping.sources.length > 1,
    );
    findings.push(...f);
    return planned;
  });
  findings.push(...keyRules(mapping), ...patchRules(mapping));
  if (findings.length > 0)
    throw new MappingError(
      findings.map((f) => locate(loaded.source, f)).sort((a, b) => a.line - b.line || a.col - b.col),
    );
  return {
    controllerId: manifest.controller.id,
    purpose: mapping.purpose,
    manifest,
    system: mapping.system,
    patches: new Set(mapping.patches ?? []),
    sources,
  };
}
