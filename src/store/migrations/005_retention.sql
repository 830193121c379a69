-- Retention (issue 5): legal holds, controller events, sweep runs and their disposal log, the
-- review queue, anonymised statistics, and the outbox of tombstones on their way to the vault.
-- None of these tables holds personal data in clear beyond ids: the disposal log keeps counts,
-- and anonymised rows keep no link to a person or a record.

-- A legal hold: what it covers is never disposed of while it is in force. A hold on a household
-- covers everyone who lived there or was party to its tenancies; a hold on a case covers the case
-- record and everyone involved in it (its subject and the people it mentions).
create table retention_holds (
  id uuid primary key,
  controller_id text not null references controllers (id),
  target_kind text not null check (target_kind in ('person', 'record', 'household', 'case')),
  target_id uuid not null,
  matter text not null check (matter in ('possession-claim', 'disrepair-claim', 'ombudsman-complaint', 'police-investigation', 'insurance-claim', 'other')),
  reason text not null,
  owner text not null,
  review_on date not null,
  placed_by text not null,
  placed_at timestamptz not null,
  released_at timestamptz,
  released_by text,
  release_reason text,
  check ((released_at is null) = (released_by is null))
);
create index retention_holds_in_force on retention_holds (controller_id, target_kind, target_id) where released_at is null;

-- A controller-wide event that starts retention clocks ("the pandemic was declared over"), as the
-- DPO entered it. Its id is declared under `events` in the manifest.
create table retention_events (
  controller_id text not null references controllers (id),
  event_id text not null,
  occurred_on date not null,
  entered_by text not null,
  entered_at timestamptz not null,
  primary key (controller_id, event_id)
);

-- One sweep (or replay, or review decision) and who started it. A run left 'running' by a process
-- that died is marked 'interrupted' by the next one to take the sweeper's lock.
create table retention_runs (
  id uuid primary key,
  controller_id text not null references controllers (id),
  kind text not null check (kind in ('sweep', 'replay', 'review')),
  started_by text not null,
  started_at timestamptz not null,
  as_of timestamptz not null,
  status text not null check (status in ('running', 'finished', 'failed', 'interrupted')),
  finished_at timestamptz,
  -- the audit chain's head when the run finished, quoted on its certificate
  audit_seq bigint,
  audit_hash bytea,
  failure text
);
create index retention_runs_started on retention_runs (controller_id, started_at);

-- The disposal log: what went, as counts, written in the same transaction as the disposal itself.
create table retention_disposals (
  run_id uuid not null references retention_runs (id),
  batch integer not null,
  controller_id text not null,
  -- null for a replay after a restore, which applies tombstones rather than a rule
  rule_id text,
  record_type text not null,
  action text not null check (action in ('erase', 'anonymise', 'review', 'replay')),
  records integer not null,
  mentions integer not null,
  documents integer not null,
  at timestamptz not null,
  primary key (run_id, batch, record_type, action)
);

-- Records whose period has ended under a "review" rule, waiting for a person to decide.
create table retention_reviews (
  record_id uuid primary key references records (id) on delete cascade,
  controller_id text not null,
  rule_id text not null,
  record_type text not null,
  run_id uuid references retention_runs (id),
  queued_at timestamptz not null,
  status text not null check (status in ('pending', 'kept')),
  decided_by text,
  decided_at timestamptz,
  keep_until date,
  check ((status = 'kept') = (keep_until is not null))
);
create index retention_reviews_queue on retention_reviews (controller_id, status, queued_at);

-- What anonymisation keeps: the record type, the month, and the fields statistics need (no free
-- text, no identifiers); no link to the person or to the record it came from.
create table retention_anonymised (
  id uuid primary key,
  controller_id text not null references controllers (id),
  record_type text not null,
  rule_id text not null,
  month text not null,
  fields jsonb not null,
  anonymised_at timestamptz not null
);
create index retention_anonymised_type on retention_anonymised (controller_id, record_type, month);

-- Ids of what a sweep disposed of, one row per batch, written in the batch's own transaction and
-- moved to the vault's tombstones straight after it commits; whatever a crash leaves here is moved
-- by the next run.
create table retention_outbox (
  id uuid primary key,
  controller_id text not null,
  erased_at timestamptz not null,
  record_ids uuid[] not null,
  document_ids uuid[] not null
);

-- How far each controller's tombstones have been replayed into this database. It travels with a
-- backup, so a restore of an older backup replays everything erased since that backup was taken.
create table retention_state (
  controller_id text primary key references controllers (id),
  replayed_through timestamptz not null
);
