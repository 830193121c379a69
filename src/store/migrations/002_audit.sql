-- The audit log: every read and write of personal data, hash-chained so that an edited, deleted,
-- inserted or reordered event is detected. audit_head holds the chain's tip; appending locks it,
-- so events are chained in commit order.
create table audit_events (
  seq bigint primary key,
  controller_id text not null,
  at timestamptz not null,
  actor text not null,
  actor_kind text not null,
  purpose text,
  person_id uuid,
  -- the records an access touched: one event for a whole file read, however many records
  record_ids uuid[] not null default '{}',
  action text not null,
  fields text[] not null default '{}',
  channel text not null,
  outcome text not null check (outcome in ('allowed', 'denied')),
  reason text,
  prev_hash bytea not null,
  hash bytea not null
);
-- "Who has looked at this person's file" is an index range scan.
create index audit_events_person on audit_events (person_id, seq) where person_id is not null;
create index audit_events_actor on audit_events (actor, seq);
create index audit_events_records on audit_events using gin (record_ids);

create table audit_head (
  id boolean primary key default true check (id),
  seq bigint not null,
  hash bytea not null
);
insert into audit_head (id, seq, hash) values (true, 0, '\x0000000000000000000000000000000000000000000000000000000000000000');
