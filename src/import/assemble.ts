/**
 * Drafts into writeBatch batches, remembering for every item the row it came from (locate.ts
 * turns BatchError paths back into FILE:LINE). Rows sharing a household key become one
 * household with one property; rows sharing a tenancy key, one tenancy. A large import is cut
 * into chunks by row, and every item goes in the chunk of its row or of the latest person or
 * member it depends on, so nothing refers forward: chunks can be written one after another.
 */
import { randomUUID } from 'node:crypto';
import type { Batch, BatchHousehold, BatchRecord, BatchTenancy } from '../records/batch.ts';
import type { Linker } from './link.ts';
import { label, type MemberDraft, type Origin, type PersonDraft, type RowMapper } from './map-rows.ts';
import { PERSON_KIND, type SourceKeys } from './source-keys.ts';
import { lifecycleDates } from '../records/lifecycle.ts';

export interface BatchOrigins {
  people: Origin[];
  properties: Origin[];
  households: Origin[];
  members: Origin[][];
  tenancies: Origin[];
  parties: Origin[][];
  records: Origin[];
}

export interface Chunk {
  batch: Batch & Required<Omit<Batch, 'controllerId'>>;
  origins: BatchOrigins;
}

interface Member {
  draft: MemberDraft;
  personId: string;
  chunk: number;
}

const PROPERTY_FIELDS = ['address', 'postcode', 'uprn', 'patch'] as const;

export class Assembler {
  private readonly chunks: Chunk[] = [];
  private readonly personChunk = new Map<string, number>();
  /** Tenancy key → the first row of its household, so one key cannot span two households. */
  private readonly tenancyHome = new Map<string, MemberDraft>();

  constructor(
    private readonly controllerId: string,
    private readonly mapper: RowMapper,
    private readonly linker: Linker,
    private readonly chunkOf: (ordinal: number) => number,
    /** With a source system named: what its keys already hold is not written again. */
    private readonly keys?: SourceKeys,
  ) {}

  private chunk(i: number): Chunk {
    return (this.chunks[i] ??= {
      batch: {
        controllerId: this.controllerId,
        people: [],
        properties: [],
        households: [],
        tenancies: [],
        records: [],
        documents: [],
      },
      origins: {
        people: [],
        properties: [],
        households: [],
        members: [],
        tenancies: [],
        parties: [],
        records: [],
      },
    });
  }

  async assemble(): Promise<Chunk[]> {
    await this.loadKeys();
    for (const p of this.mapper.people) {
      if (!p.ok || !this.isNewPerson(p)) continue;
      const i = this.chunkOf(p.origin.ordinal);
      this.personChunk.set(p.id, i);
      this.chunk(i).batch.people.push({ id: p.id, subjectTypes: p.subjectTypes, profile: p.profile });
      this.chunk(i).origins.people.push(p.origin);
    }
    for (const members of this.groupBy(this.mapper.members, (m) => m.householdKey).values())
      await this.household(members);
    for (const r of this.mapper.records) {
      const person = await this.linker.resolve(r.link, r.origin, `${r.type.id}.person`);
      if (!r.ok || !person) continue;
      const c = this.chunk(Math.max(this.chunkOf(r.origin.ordinal), this.personChunk.get(person.id) ?? 0));
      const record: BatchRecord = {
        personId: person.id,
        recordType: r.type.id,
        payload: r.payload,
        ...lifecycleDates(r.type, r.payload),
      };
      if (r.patch !== undefined) record.patch = r.patch;
      if (r.team !== undefined) record.team = r.team;
      if (r.assignedTo !== undefined) record.assignedTo = r.assignedTo;
      if (this.keys && r.sourceKey !== undefined) {
        record.id = randomUUID();
        const { payload, patch, team, assignedTo } = record;
        const item = { kind: r.type.id, sourceKey: r.sourceKey, targetId: record.id, personId: person.id };
        const content = { personId: person.id, payload, patch, team, assignedTo };
        if (this.keys.judge({ ...item, content }, 'records', r.origin, `${r.type.id}.key`) !== 'new')
          continue;
      }
      c.batch.records.push(record);
      c.origins.records.push(r.origin);
    }
    return this.chunks.filter(Boolean);
  }

  /** Every household, tenancy and record key of the import, read from the store in one query. */
  private async loadKeys() {
    if (!this.keys) return;
    const households = this.mapper.members.filter((m) => m.ok && m.householdKey !== '');
    await this.keys.load([
      ...households.map((m) => ({ kind: 'household', sourceKey: m.householdKey })),
      ...households.flatMap((m) => (m.tenancy ? [{ kind: 'tenancy', sourceKey: m.tenancy.key }] : [])),
      ...this.mapper.records.flatMap((r) =>
        r.ok && r.sourceKey !== undefined ? [{ kind: r.type.id, sourceKey: r.sourceKey }] : [],
      ),
    ]);
  }

  /** A person to create: not one imported before (unchanged, or a conflict reported on their row). */
  private isNewPerson(p: PersonDraft): boolean {
    if (!this.keys) return true;
    const item = { kind: PERSON_KIND, sourceKey: p.id, targetId: p.id, personId: p.id };
    const content = { subjectTypes: p.subjectTypes, profile: p.profile };
    return this.keys.judge({ ...item, content }, 'people', p.origin, 'person') === 'new';
  }

  /**
   * A household seen before under its key is left as it is (its members and property compared,
   * a difference reported); so are its tenancies, and a tenancy new to it is a conflict.
   */
  private isNewHousehold(key: string, id: string, members: Member[]): boolean {
    if (!this.keys) return true;
    const first = members[0]!.draft;
    const content = {
      property: first.property,
      members: members
        .map((m) => ({
          personId: m.personId,
          relationship: m.draft.relationship,
          startedOn: m.draft.startedOn,
          endedOn: m.draft.endedOn,
        }))
        .sort((a, b) => `${a.personId}${a.startedOn}`.localeCompare(`${b.personId}${b.startedOn}`)),
    };
    const verdict = this.keys.judge(
      { kind: 'household', sourceKey: key, targetId: id, content },
      'households',
      first.origin,
      'household.key',
    );
    if (verdict === 'new') return true;
    for (const tenancy of this.groupBy(
      members.filter((m) => m.draft.tenancy),
      (m) => m.draft.tenancy!.key,
    ).values()) {
      const t = tenancy[0]!.draft;
      const stored = this.keys.targetOf('tenancy', t.tenancy!.key);
      if (stored) this.isNewTenancy(t.tenancy!.key, stored, tenancy);
      else
        this.keys.conflict(
          t.origin,
          'tenancy.key',
          `is a new tenancy of a household already imported from ${this.keys.system}; import does not change households in the store`,
        );
    }
    return false;
  }

  private isNewTenancy(key: string, id: string, members: Member[]): boolean {
    if (!this.keys) return true;
    const t = members[0]!.draft;
    const content = {
      kind: t.tenancy!.kind,
      startedOn: t.tenancy!.startedOn,
      endedOn: t.tenancy!.endedOn,
      parties: [...new Set(members.filter((m) => m.draft.tenancy!.party).map((m) => m.personId))].sort(),
    };
    const verdict = this.keys.judge(
      { kind: 'tenancy', sourceKey: key, targetId: id, content },
      'tenancies',
      t.origin,
      'tenancy.key',
    );
    return verdict === 'new';
  }

  private groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
    const groups = new Map<string, T[]>();
    for (const item of items) {
      const group = groups.get(key(item));
      if (group) group.push(item);
      else groups.set(key(item), [item]);
    }
    return groups;
  }

  /** Rows after the first must agree with it on the details they share. */
  private agree(first: MemberDraft, later: MemberDraft, target: string, a: unknown, b: unknown): boolean {
    if (a === b) return true;
    const { file, line } = first.origin;
    this.mapper.problems.push({
      file: later.origin.file,
      line: later.origin.line,
      field: label(later.origin, target),
      reason: `differs from the first row of the same ${target.startsWith('tenancy') ? 'tenancy' : 'household'} (${file}:${line})`,
    });
    return false;
  }

  private async household(drafts: MemberDraft[]) {
    const members: Member[] = [];
    for (const d of drafts) {
      const person = await this.linker.resolve(d.link, d.origin, 'household.person');
      if (!d.ok || !person || d.householdKey === '') continue;
      const first = members[0]?.draft;
      if (
        first &&
        !PROPERTY_FIELDS.every((f) => this.agree(first, d, `property.${f}`, first.property[f], d.property[f]))
      )
        continue;
      const twin = members.find((m) => m.personId === person.id && m.draft.startedOn === d.startedOn);
      if (twin) {
        this.mapper.problems.push({
          file: d.origin.file,
          line: d.origin.line,
          field: label(d.origin, 'household.person'),
          reason: `is already a member of this household from the same date (${twin.draft.origin.file}:${twin.draft.origin.line})`,
        });
        continue;
      }
      const chunk = Math.max(this.chunkOf(d.origin.ordinal), this.personChunk.get(person.id) ?? 0);
      members.push({ draft: d, personId: person.id, chunk });
    }
    if (members.length === 0) return;
    const first = members[0]!.draft;
    const householdId = this.keys?.targetOf('household', first.householdKey) ?? randomUUID();
    if (!this.isNewHousehold(first.householdKey, householdId, members)) return;
    const c = this.chunk(Math.max(...members.map((m) => m.chunk)));
    const propertyId = randomUUID();
    const p = first.property;
    c.batch.properties.push({
      id: propertyId,
      address: p.address ?? '',
      postcode: p.postcode ?? '',
      ...(p.uprn && { uprn: p.uprn }),
      ...(p.patch && { patch: p.patch }),
    });
    c.origins.properties.push(first.origin);
    const household: BatchHousehold = {
      id: householdId,
      propertyId,
      members: members.map((m) => ({
        personId: m.personId,
        relationship: m.draft.relationship as BatchHousehold['members'][number]['relationship'],
        startedOn: m.draft.startedOn!,
        ...(m.draft.endedOn && { endedOn: m.draft.endedOn }),
      })),
    };
    c.batch.households.push(household);
    c.origins.households.push(first.origin);
    c.origins.members.push(members.map((m) => m.draft.origin));
    for (const tenancy of this.groupBy(
      members.filter((m) => m.draft.tenancy),
      (m) => m.draft.tenancy!.key,
    ).values())
      this.tenancy(c, household.id!, propertyId, tenancy);
  }

  private tenancy(c: Chunk, householdId: string, propertyId: string, members: Member[]) {
    const first = members[0]!.draft;
    const t = first.tenancy!;
    const home = this.tenancyHome.get(t.key);
    if (home && home.householdKey !== first.householdKey) {
      this.mapper.problems.push({
        file: first.origin.file,
        line: first.origin.line,
        field: label(first.origin, 'tenancy.key'),
        reason: `is the tenancy of another household (${home.origin.file}:${home.origin.line})`,
      });
      return;
    }
    this.tenancyHome.set(t.key, first);
    for (const m of members.slice(1))
      for (const f of ['kind', 'startedOn', 'endedOn'] as const)
        this.agree(first, m.draft, `tenancy.${f}`, t[f], m.draft.tenancy![f]);
    const id = randomUUID();
    if (!this.isNewTenancy(t.key, id, members)) return;
    const parties = members.filter(
      (m, i) => m.draft.tenancy!.party && members.findIndex((x) => x.personId === m.personId) === i,
    );
    const tenancy: BatchTenancy = {
      ...(this.keys && { id }),
      householdId,
      propertyId,
      kind: t.kind!,
      startedOn: t.startedOn!,
      ...(t.endedOn && { endedOn: t.endedOn }),
      parties: parties.map((m) => m.personId),
    };
    c.batch.tenancies.push(tenancy);
    c.origins.tenancies.push(first.origin);
    c.origins.parties.push(parties.map((m) => m.draft.origin));
  }
}
