-- Import keys (issue 3): which row of a housing management system's export became which person or
-- record, so re-importing a nightly export changes nothing that has not changed. No personal data
-- in clear: the source system's name, its record id (or, for a person, the person's id: their
-- customer reference is already looked up by keyed hash), ids, and a keyed hash (HMAC) of what was
-- imported, to tell a changed row from an unchanged one.
--
-- When a record is disposed of (retention, replay after a restore) or its person erased, the row
-- loses its ids and hash but keeps the source key with disposed_at, so the next nightly import
-- does not bring the record back. A person's own row is deleted when they are erased.
create table import_keys (
  controller_id text not null references controllers (id),
  system text not null,
  -- 'person', 'household', 'tenancy', or the record type the source row became
  kind text not null,
  -- the source's own id: a record's id, a household or tenancy reference; a person's id for a person
  source_key text not null,
  -- the person, or the person a record is about (null for households and tenancies, and once disposed of)
  person_id uuid,
  -- what the row became: the person, household, tenancy or record
  target_id uuid,
  fingerprint bytea,
  imported_at timestamptz not null,
  disposed_at timestamptz,
  primary key (controller_id, system, kind, source_key),
  check ((disposed_at is null) = (fingerprint is not null)),
  check ((disposed_at is null) = (target_id is not null))
);
create index import_keys_person on import_keys (person_id) where person_id is not null;
create index import_keys_target on import_keys (target_id) where target_id is not null;

-- People's own details under a retention rule (issue 5): a person with no records left, no tenancy
-- going on, no hold and no open request is disposed of as Art. 17 erasure would (clearPerson) once
-- the person type's period has run from the latest of: when their last record was disposed of by
-- retention (this column, written in the same transaction), and when their last tenancy ended.
alter table people add column records_disposed_at timestamptz;

-- People a sweep disposed of travel through the outbox too: tombstones, and their keys destroyed.
alter table retention_outbox add column person_ids uuid[] not null default '{}';
