/**
 * Rows into drafts of people, household memberships and records, each remembering the row it
 * came from. A draft with a problem is kept but marked bad, so what depends on it is dropped
 * without a second, misleading report; links by customer reference are resolved in link.ts.
 */
import { randomUUID } from 'node:crypto';
import type { RecordType } from '../manifest/schema.ts';
import { didYouMean } from '../manifest/suggest.ts';
import { postcode, PROFILE_FORMATS, uprn, type Checked } from '../records/formats.ts';
import type { Profile } from '../records/people.ts';
import type { PlannedRecords, PlannedSource } from './check-mapping.ts';
import type { ImportProblem } from './problems.ts';
import type { Row, SourceData } from './read-source.ts';
import { cell, readValue, text, type CompiledValue } from './values.ts';

/** Where a draft came from, and which column fed each target (e.g. "contact-log.channel"). */
export interface Origin {
  file: string;
  line: number;
  /** The row's place in the whole import, for chunking. */
  ordinal: number;
  columns: Record<string, string>;
}

export interface PersonDraft {
  id: string;
  key?: string;
  origin: Origin;
  ok: boolean;
  subjectTypes: string[];
  profile: Profile;
  /** Already in the store, imported before from the same system: linked to, never created again. */
  existing?: boolean;
}

/** A person a row refers to: the row's own, or one found later by customer reference. */
export type Link = { person: PersonDraft } | { key: string };

export interface TenancyPart {
  key: string;
  kind?: string;
  startedOn?: string;
  endedOn?: string;
  party: boolean;
}

export interface MemberDraft {
  origin: Origin;
  ok: boolean;
  householdKey: string;
  link?: Link;
  relationship?: string;
  startedOn?: string;
  endedOn?: string;
  property: Partial<Record<'address' | 'postcode' | 'uprn' | 'patch', string>>;
  tenancy?: TenancyPart;
}

export interface RecordDraft {
  origin: Origin;
  ok: boolean;
  link?: Link;
  type: RecordType;
  /** The source system's id of the record, when the mapping names a key column. */
  sourceKey?: string;
  payload: Record<string, unknown>;
  patch?: string;
  team?: string;
  assignedTo?: string;
}

/** Customer references compare as the store's customer-ref lookup does: trimmed, upper case. */
export const normaliseRef = (ref: string) => ref.trim().toUpperCase();

export function label(origin: Origin, target: string): string {
  const column = origin.columns[target];
  return column === undefined ? target : `${target} (column "${column}")`;
}

const TENANTS = new Set(['sole-tenant', 'joint-tenant']);

export class RowMapper {
  readonly people: PersonDraft[] = [];
  readonly members: MemberDraft[] = [];
  readonly records: RecordDraft[] = [];
  readonly problems: ImportProblem[] = [];
  readonly byKey = new Map<string, PersonDraft>();
  /** Record type and source key → the row that had it first. */
  private readonly recordKeys = new Map<string, Origin>();
  private ordinal = 0;

  /** patches: those the mapping lists; a row's patch must be one of them (check-mapping.ts). */
  constructor(private readonly patches: ReadonlySet<string> = new Set()) {}

  /** Every row of one file; a file whose columns do not fit the mapping is reported, not read. */
  mapSource(source: PlannedSource, data: SourceData): void {
    this.problems.push(...data.problems);
    if (!this.columnsFit(source, data)) return;
    for (const row of data.rows) {
      const ordinal = this.ordinal++;
      const person = source.people && this.person(source, row, ordinal);
      if (source.households) this.member(source, row, ordinal, person);
      for (const r of source.records) this.record(r, row, ordinal);
    }
  }

  private columnsFit(source: PlannedSource, data: SourceData): boolean {
    const seen = data.columns ?? [...new Set(data.rows.flatMap((r) => Object.keys(r.values)))];
    const missing = [...source.columns].filter((c) =>
      data.columns ? !data.columns.includes(c) : !data.rows.some((r) => cell(r, c) !== undefined),
    );
    if (data.rows.length === 0 && data.problems.length === 0)
      this.problems.push({ file: data.file, reason: 'has no rows to import' });
    if (data.rows.length === 0) return true;
    for (const c of missing)
      this.problems.push({
        file: data.file,
        line: data.columns ? 1 : undefined,
        field: `column "${c}"`,
        reason: `is named in the mapping but ${data.columns ? 'not in the header' : 'in no row'}${didYouMean(c, seen)}`,
      });
    return missing.length === 0;
  }

  private origin(row: Row, ordinal: number): Origin {
    return { file: row.file, line: row.line, ordinal, columns: {} };
  }

  /** One value; a problem (or a missing required value) marks the draft bad. */
  private read(
    row: Row,
    v: CompiledValue,
    draft: { origin: Origin; ok: boolean },
    required = false,
  ): unknown {
    if (v.column !== undefined) draft.origin.columns[v.target.name] = v.column;
    const r = readValue(v, row);
    if (r.problem !== undefined) this.fail(draft, v.target.name, r.problem);
    else if (r.value === undefined && required) this.fail(draft, v.target.name, 'is required');
    return r.value;
  }

  private readText(
    row: Row,
    v: CompiledValue | undefined,
    draft: { origin: Origin; ok: boolean },
    required = false,
  ) {
    const value = v && this.read(row, v, draft, required);
    return value === undefined ? undefined : String(value);
  }

  /** A text value in its normal form (formats.ts), or a problem naming the field and why. */
  private readChecked(
    row: Row,
    v: CompiledValue | undefined,
    draft: { origin: Origin; ok: boolean },
    check: (raw: string) => Checked,
  ): string | undefined {
    const value = this.readText(row, v, draft);
    if (value === undefined) return undefined;
    const checked = check(value);
    if ('value' in checked) return checked.value;
    this.fail(draft, v!.target.name, checked.problem);
    return undefined;
  }

  private knownPatch = (patch: string): Checked =>
    this.patches.has(patch)
      ? { value: patch }
      : { problem: `is not one of the patches the mapping lists (${[...this.patches].join(', ')})` };

  private fail(draft: { origin: Origin; ok: boolean }, target: string, reason: string) {
    draft.ok = false;
    const { file, line } = draft.origin;
    this.problems.push({ file, line, field: label(draft.origin, target), reason });
  }

  private required(draft: { origin: Origin; ok: boolean }, target: string, column: string, value: unknown) {
    draft.origin.columns[target] = column;
    if (value === undefined) this.fail(draft, target, 'is required');
  }

  private person(source: PlannedSource, row: Row, ordinal: number): PersonDraft {
    const spec = source.people!;
    const draft: PersonDraft = {
      id: randomUUID(),
      origin: this.origin(row, ordinal),
      ok: true,
      subjectTypes: [],
      profile: {},
    };
    for (const [name, v] of spec.fields) {
      // The same identifier formats the store checks (payload.ts), reported here at the row.
      const format = PROFILE_FORMATS[name];
      const value = format ? this.readChecked(row, v, draft, format) : this.read(row, v, draft);
      if (value !== undefined) draft.profile[name] = value;
    }
    if (Array.isArray(spec.subjects)) draft.subjectTypes = [...spec.subjects];
    else {
      draft.origin.columns['person.subjectTypes'] = spec.subjects.column;
      const code = text(row, spec.subjects.column);
      const type = code === undefined ? undefined : spec.subjects.values[code];
      if (type) draft.subjectTypes = [type];
      else {
        const codes = Object.keys(spec.subjects.values).join(', ');
        this.fail(
          draft,
          'person.subjectTypes',
          code === undefined ? 'is required' : `is not one of the codes the mapping lists (${codes})`,
        );
      }
    }
    if (spec.key) this.register(draft, text(row, spec.key), spec.key);
    this.people.push(draft);
    return draft;
  }

  /** The person's customer reference: required, unique in the import, and stored as customerRef. */
  private register(draft: PersonDraft, key: string | undefined, column: string) {
    this.required(draft, 'person.customerRef', column, key);
    if (key === undefined) return;
    draft.key = key;
    draft.profile.customerRef ??= key;
    const earlier = this.byKey.get(normaliseRef(key));
    if (earlier)
      this.fail(
        draft,
        'person.customerRef',
        `repeats the customer reference of ${earlier.origin.file}:${earlier.origin.line}`,
      );
    else this.byKey.set(normaliseRef(key), draft);
  }

  private link(
    row: Row,
    column: string,
    target: string,
    draft: { origin: Origin; ok: boolean },
  ): Link | undefined {
    const key = text(row, column);
    this.required(draft, target, column, key);
    return key === undefined ? undefined : { key };
  }

  private member(source: PlannedSource, row: Row, ordinal: number, person: PersonDraft | undefined) {
    const h = source.households!;
    const draft: MemberDraft = {
      origin: this.origin(row, ordinal),
      ok: true,
      householdKey: '',
      property: {},
    };
    const householdKey = text(row, h.key);
    this.required(draft, 'household.key', h.key, householdKey);
    draft.householdKey = householdKey ?? '';
    draft.link = person ? { person } : this.link(row, h.person!, 'household.person', draft);
    draft.relationship = this.readText(row, h.relationship, draft, true);
    draft.startedOn = this.readText(row, h.startedOn, draft, true);
    draft.endedOn = this.readText(row, h.endedOn, draft);
    const p = h.property;
    draft.property = {
      address: this.readText(row, p.address, draft),
      postcode: this.readChecked(row, p.postcode, draft, postcode),
      uprn: this.readChecked(row, p.uprn, draft, uprn),
      patch: this.readChecked(row, p.patch, draft, this.knownPatch),
    };
    if (source.tenancies) draft.tenancy = this.tenancy(source, row, draft);
    this.members.push(draft);
  }

  private tenancy(source: PlannedSource, row: Row, draft: MemberDraft): TenancyPart {
    const t = source.tenancies!;
    const key = t.key === undefined ? draft.householdKey : text(row, t.key);
    if (t.key !== undefined) this.required(draft, 'tenancy.key', t.key, key);
    const part: TenancyPart = {
      key: key ?? '',
      kind: this.readText(row, t.kind, draft, true),
      startedOn: this.readText(row, t.startedOn, draft, true),
      endedOn: this.readText(row, t.endedOn, draft),
      party: t.party ? this.read(row, t.party, draft) === true : TENANTS.has(draft.relationship ?? ''),
    };
    return part;
  }

  private record(r: PlannedRecords, row: Row, ordinal: number) {
    if (r.when !== undefined && text(row, r.when) === undefined) return;
    const draft: RecordDraft = { origin: this.origin(row, ordinal), ok: true, type: r.type, payload: {} };
    draft.link = this.link(row, r.person, `${r.type.id}.person`, draft);
    if (r.key !== undefined) this.recordKey(draft, r.key, text(row, r.key));
    for (const [name, v] of r.fields) {
      const value = this.read(row, v, draft);
      if (value !== undefined) draft.payload[name] = value;
    }
    draft.patch = this.readChecked(row, r.patch, draft, this.knownPatch);
    // A record kept to one team belongs to that team unless the mapping says otherwise.
    draft.team = this.readText(row, r.team, draft) ?? r.type.segregated;
    draft.assignedTo = this.readText(row, r.assignedTo, draft);
    this.records.push(draft);
  }

  /** A record's source key: required, and unique for its record type within the import. */
  private recordKey(draft: RecordDraft, column: string, key: string | undefined) {
    const target = `${draft.type.id}.key`;
    this.required(draft, target, column, key);
    if (key === undefined) return;
    draft.sourceKey = key;
    const slot = `${draft.type.id}\u0000${key}`;
    const earlier = this.recordKeys.get(slot);
    if (earlier) this.fail(draft, target, `repeats the record id of ${earlier.file}:${earlier.line}`);
    else this.recordKeys.set(slot, draft.origin);
  }
}
