-- The key vault: one data key per person, wrapped by a master key held outside every database.
-- It is a separate database from the personal data, backed up on its own, so destroying a key here
-- makes that person's data unreadable in every copy of the data database, older dumps included.
create table vault_person_keys (
  person_id uuid primary key,
  controller_id text not null,
  master_key_id text,
  wrapped_key bytea,
  created_at timestamptz not null default now(),
  destroyed_at timestamptz,
  check ((wrapped_key is null) = (destroyed_at is not null))
);
create index vault_person_keys_master_key on vault_person_keys (master_key_id) where wrapped_key is not null;
