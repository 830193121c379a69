/**
 * Linking rows to people by customer reference: a person in this import first, else one already
 * in the store (findPeople, by keyed hash, gated and audited, so no reference is ever compared in clear). A person
 * being imported whose reference is already in the store is refused, so running the same
 * import twice cannot create everyone twice.
 */
import { findPeople, findPeopleByValues } from '../records/find-people.ts';
import type { Call, Store } from '../records/store.ts';
import { PERSON_KIND, type SourceKeys } from './source-keys.ts';
import { label, normaliseRef, type Link, type Origin, type PersonDraft, type RowMapper } from './map-rows.ts';

/** What a link resolved to: a person's id (new or stored), or nothing usable. */
export type Resolved = { id: string; person?: PersonDraft } | undefined;

export class Linker {
  private readonly stored = new Map<string, Promise<string[]>>();

  constructor(
    private readonly store: Store,
    private readonly call: Call,
    private readonly controllerId: string,
    private readonly mapper: RowMapper,
    /** With a source system named: people imported from it before are matched, not refused. */
    private readonly keys?: SourceKeys,
  ) {}

  private find(key: string): Promise<string[]> {
    const ref = normaliseRef(key);
    let found = this.stored.get(ref);
    if (!found) {
      found = findPeople(this.store, this.call, this.controllerId, 'customer-ref', ref);
      this.stored.set(ref, found);
    }
    return found;
  }

  /**
   * Refuse people whose customer reference the store already has: one search for them all. A
   * person imported before from the same system is matched instead: linked to, not created.
   */
  async checkNewPeople(): Promise<void> {
    const people = this.mapper.people.filter((p) => p.ok && p.key !== undefined);
    const refs = people.map((p) => normaliseRef(p.key!));
    const found = await findPeopleByValues(this.store, this.call, this.controllerId, 'customer-ref', refs);
    await this.keys?.load([...found.values()].flat().map((id) => ({ kind: PERSON_KIND, sourceKey: id })));
    people.forEach((p, i) => {
      const ids = found.get(refs[i]!) ?? [];
      this.stored.set(refs[i]!, Promise.resolve(ids));
      if (ids.length === 0) return;
      if (ids.length === 1 && this.keys?.targetOf(PERSON_KIND, ids[0]!)) {
        p.id = ids[0]!;
        p.existing = true;
        return;
      }
      p.ok = false;
      this.problem(
        p.origin,
        'person.customerRef',
        'is already the customer reference of a person in the store',
      );
    });
  }

  /**
   * The person a row refers to. A link to a person of this import with problems of their own
   * resolves to nothing, silently: their row already says what is wrong.
   */
  async resolve(link: Link | undefined, origin: Origin, target: string): Promise<Resolved> {
    if (!link) return undefined;
    if ('person' in link) return link.person.ok ? { id: link.person.id, person: link.person } : undefined;
    const inImport = this.mapper.byKey.get(normaliseRef(link.key));
    if (inImport) return inImport.ok ? { id: inImport.id, person: inImport } : undefined;
    const found = await this.find(link.key);
    if (found.length === 1) return { id: found[0]! };
    this.problem(
      origin,
      target,
      found.length === 0
        ? 'is a customer reference of no person in this import or the store'
        : 'is the customer reference of several people in the store',
    );
    return undefined;
  }

  private problem(origin: Origin, target: string, reason: string) {
    this.mapper.problems.push({ file: origin.file, line: origin.line, field: label(origin, target), reason });
  }
}
