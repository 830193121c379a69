-- Tombstones: the ids of people, records and documents that were erased or disposed of, and when.
-- Ids only, never personal data. They live in the vault's database, backed up apart from the data,
-- so after an older data backup is restored the erasures made since can be replayed from here and
-- nothing disposed of comes back (see docs/retention.md and ADR 0006).
create table vault_tombstones (
  controller_id text not null,
  kind text not null check (kind in ('person', 'record', 'document')),
  id uuid not null,
  erased_at timestamptz not null,
  primary key (kind, id)
);
create index vault_tombstones_replay on vault_tombstones (erased_at, kind, id);
