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
import { label, type MemberDraft, type Origin, type RowMapper } from './map-rows.ts';
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
    for (const p of this.mapper.people) {
      if (!p.ok) continue;
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
      c.batch.records.push(record);
      c.origins.records.push(r.origin);
    }
    return this.chunks.filter(Boolean);
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
      id: randomUUID(),
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
    const parties = members.filter(
      (m, i) => m.draft.tenancy!.party && members.findIndex((x) => x.personId === m.personId) === i,
    );
    const tenancy: BatchTenancy = {
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
