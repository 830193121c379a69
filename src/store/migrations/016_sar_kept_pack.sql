-- A released subject access pack is kept as released (docs/decisions/0013): the zip sealed under
-- the requester's data key, so erasing the person erases it too, and a keyed digest (under a key
-- derived from the same data key) of the data it was made from, so giving it again can tell a
-- change to the information from a change to how Custos lays packs out. Null for packs released
-- before this migration: those are rebuilt and checked against release_sha256 as before.
alter table sar_reviews add column release_zip bytea;
alter table sar_reviews add column release_made_from bytea;
alter table sar_reviews add column release_made_from_version smallint;
