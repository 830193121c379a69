/** Writing a checked batch's rows with set-based inserts, inside the caller's transaction. */
import type { Queryable } from '../store/db.ts';
import { aad, seal, sealBytes, recordAad } from '../store/person-keys.ts';
import type { Batch, BatchDocument, BatchPerson, BatchRecord, BatchResult } from './batch-types.ts';
import { LOOKUP_KINDS, lookupToken, PROFILE_LOOKUPS } from './lookup-tokens.ts';
import type { Store } from './store.ts';

const CHUNK = 1000;

/**
 * Insert rows in chunks, one statement per chunk: each column goes in as an array and `unnest`
 * turns the arrays back into rows. `scalars` ($1, $2, ...) stay the same for every chunk.
 */
async function insertColumns(
  tx: Queryable,
  sql: string,
  scalars: unknown[],
  columns: unknown[][],
): Promise<void> {
  const length = columns[0]?.length ?? 0;
  for (let start = 0; start < length; start += CHUNK) {
    await tx.query(sql, [...scalars, ...columns.map((col) => col.slice(start, start + CHUNK))]);
  }
}

export async function writePeople(
  tx: Queryable,
  store: Store,
  c: string,
  now: Date,
  people: BatchPerson[],
  ids: string[],
  keys: Map<string, Buffer>,
) {
  const lookupKey = store.keys.lookupKey(c);
  const kinds: string[] = [];
  const tokens: Buffer[] = [];
  const owners: string[] = [];
  people.forEach((p, i) => {
    for (const kind of LOOKUP_KINDS) {
      const value = p.profile[PROFILE_LOOKUPS[kind]];
      if (typeof value !== 'string' || !value.trim()) continue;
      kinds.push(kind);
      tokens.push(lookupToken(lookupKey, kind, value));
      owners.push(ids[i]!);
    }
  });
  await insertColumns(
    tx,
    `insert into people (id, controller_id, subject_types, profile, created_at, updated_at)
       select id, $1, string_to_array(st, ','), pr, $2, $2 from unnest($3::uuid[], $4::text[], $5::bytea[]) as t(id, st, pr)`,
    [c, now],
    [
      ids,
      people.map((p) => p.subjectTypes.join(',')),
      people.map((p, i) => seal(keys.get(ids[i]!)!, p.profile, aad(c, ids[i]!, 'profile'))),
    ],
  );
  await insertColumns(
    tx,
    `insert into person_lookup (controller_id, kind, token, person_id)
       select $1, k, t, p from unnest($2::text[], $3::bytea[], $4::uuid[]) as x(k, t, p) on conflict do nothing`,
    [c],
    [kinds, tokens, owners],
  );
}

export async function writeHomes(tx: Queryable, c: string, batch: Batch, ids: BatchResult): Promise<void> {
  const properties = batch.properties ?? [];
  await insertColumns(
    tx,
    `insert into properties (id, controller_id, uprn, address, postcode, patch)
     select id, $1, u, a, pc, pa from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(id, u, a, pc, pa)`,
    [c],
    [
      ids.properties,
      properties.map((p) => p.uprn ?? null),
      properties.map((p) => p.address),
      properties.map((p) => p.postcode),
      properties.map((p) => p.patch ?? null),
    ],
  );
  const households = batch.households ?? [];
  await insertColumns(
    tx,
    'insert into households (id, controller_id, property_id) select id, $1, p from unnest($2::uuid[], $3::uuid[]) as t(id, p)',
    [c],
    [ids.households, households.map((h) => h.propertyId)],
  );
  const members = households.flatMap((h, i) =>
    h.members.map((m) => ({ ...m, householdId: ids.households[i]! })),
  );
  await insertColumns(
    tx,
    `insert into household_members (household_id, person_id, controller_id, relationship, started_on, ended_on)
     select h, p, $1, r, s::date, e::date from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[]) as t(h, p, r, s, e)`,
    [c],
    [
      members.map((m) => m.householdId),
      members.map((m) => m.personId),
      members.map((m) => m.relationship),
      members.map((m) => m.startedOn),
      members.map((m) => m.endedOn ?? null),
    ],
  );
  const tenancies = batch.tenancies ?? [];
  await insertColumns(
    tx,
    `insert into tenancies (id, controller_id, household_id, property_id, kind, started_on, ended_on)
     select id, $1, h, p, k, s::date, e::date from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[]) as t(id, h, p, k, s, e)`,
    [c],
    [
      ids.tenancies,
      tenancies.map((t) => t.householdId),
      tenancies.map((t) => t.propertyId),
      tenancies.map((t) => t.kind),
      tenancies.map((t) => t.startedOn),
      tenancies.map((t) => t.endedOn ?? null),
    ],
  );
  const parties = tenancies.flatMap((t, i) => t.parties.map((p) => [ids.tenancies[i]!, p] as const));
  await insertColumns(
    tx,
    'insert into tenancy_parties (tenancy_id, person_id, controller_id) select t, p, $1 from unnest($2::uuid[], $3::uuid[]) as x(t, p)',
    [c],
    [parties.map((x) => x[0]), parties.map((x) => x[1])],
  );
}

export async function writeRecords(
  tx: Queryable,
  c: string,
  now: Date,
  records: BatchRecord[],
  ids: string[],
  keys: Map<string, Buffer | null>,
) {
  const iso = (d: Date | undefined) => d?.toISOString() ?? null;
  await insertColumns(
    tx,
    `insert into records (id, controller_id, person_id, record_type, payload, patch, team, assigned_to, created_at, occurred_at, closed_at, ended_at, updated_at)
     select id, $1, p, rt, pl, pa, te, asg, $2, o::timestamptz, cl::timestamptz, e::timestamptz, $2
     from unnest($3::uuid[], $4::uuid[], $5::text[], $6::bytea[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
       as t(id, p, rt, pl, pa, te, asg, o, cl, e)`,
    [c, now],
    [
      ids,
      records.map((r) => r.personId),
      records.map((r) => r.recordType),
      records.map((r, i) => seal(keys.get(r.personId)!, r.payload, recordAad(c, r.personId, ids[i]!))),
      records.map((r) => r.patch ?? null),
      records.map((r) => r.team ?? null),
      records.map((r) => r.assignedTo ?? null),
      records.map((r) => iso(r.occurredAt)),
      records.map((r) => iso(r.closedAt)),
      records.map((r) => iso(r.endedAt)),
    ],
  );
  const mentions = records.flatMap((r, i) =>
    (r.mentions ?? []).map((m) => [ids[i]!, m.personId, m.part] as const),
  );
  await insertColumns(
    tx,
    `insert into mentions (record_id, person_id, controller_id, part)
     select r, p, $1, pt from unnest($2::uuid[], $3::uuid[], $4::text[]) as t(r, p, pt) on conflict do nothing`,
    [c],
    [mentions.map((m) => m[0]), mentions.map((m) => m[1]), mentions.map((m) => m[2])],
  );
}

/** Statements of documents stay small whatever the documents weigh. */
const DOCUMENT_BYTES_PER_STATEMENT = 8 * 1024 * 1024;

export async function writeDocuments(
  tx: Queryable,
  c: string,
  now: Date,
  documents: BatchDocument[],
  ids: string[],
  keys: Map<string, Buffer | null>,
) {
  let start = 0;
  while (start < documents.length) {
    let end = start;
    let bytes = 0;
    while (end < documents.length && (end === start || bytes < DOCUMENT_BYTES_PER_STATEMENT))
      bytes += documents[end++]!.content.length;
    const slice = documents.slice(start, end);
    const sliceIds = ids.slice(start, end);
    await tx.query(
      `insert into documents (id, controller_id, person_id, record_id, kind, media_type, size_bytes, content, created_at)
       select id, $1, p, r, k, m, s, b, $2
       from unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::int[], $9::bytea[]) as t(id, p, r, k, m, s, b)`,
      [
        c,
        now,
        sliceIds,
        slice.map((d) => d.personId),
        slice.map((d) => d.recordId ?? null),
        slice.map((d) => d.kind),
        slice.map((d) => d.mediaType),
        slice.map((d) => d.content.length),
        slice.map((d, i) =>
          sealBytes(keys.get(d.personId)!, d.content, aad(c, d.personId, `document/${sliceIds[i]}`)),
        ),
      ],
    );
    start = end;
  }
}
