-- Acting on the other data subject rights: erasure decisions (Art. 17), rectification history
-- (Art. 16), objections (Art. 21) and automated decisions with their human reviews (Arts 22A-22D).
-- In clear: ids, codes, dates and the manifest's own ids, which the gate, the DPO's lists and the
-- audit need. Everything written in words or taken from the person's data (old values, inputs,
-- outcomes, explanations, caseworkers' notes) is sealed under the data subject's key, so
-- destroying the key erases it too.

-- An erasure request worked through: one plan per request, one item per thing held.
create table erasure_plans (
  id uuid primary key,
  controller_id text not null references controllers (id),
  person_id uuid not null references people (id),
  request_id uuid not null references rights_requests (id),
  status text not null check (status in ('proposed', 'executed')),
  created_at timestamptz not null,
  created_by text not null,
  executed_at timestamptz,
  executed_by text,
  -- set when everything about the person went, with their details and their key
  person_erased boolean not null default false,
  -- the steps in the key vault after the data went: tombstones (ids only), and the key destroyed
  tombstoned_at timestamptz,
  key_destroyed_at timestamptz,
  check ((status = 'executed') = (executed_at is not null))
);
create index erasure_plans_person on erasure_plans (person_id);
create unique index erasure_plans_open_request on erasure_plans (request_id) where status = 'proposed';

create table erasure_items (
  plan_id uuid not null references erasure_plans (id),
  controller_id text not null,
  n integer not null,
  -- record: one of the person's records; mention: the person's part in someone else's record;
  -- profile: the person's own details (and documents attached to them alone)
  kind text not null check (kind in ('record', 'mention', 'profile')),
  -- no foreign key: the record is gone once the plan is executed, the item stays as the decision
  record_id uuid,
  record_type text not null,
  -- for a mention: the person's parts in the record (witness, complainant…)
  parts text[] not null default '{}',
  proposed_action text not null check (proposed_action in ('erase', 'keep')),
  proposed_reason text not null,
  action text not null check (action in ('erase', 'keep')),
  reason text not null,
  overridden_by text,
  overridden_at timestamptz,
  -- { explanation, note } sealed: what the person is told, and the caseworker's own reasons
  words bytea not null,
  primary key (plan_id, n),
  check ((kind = 'profile') = (record_id is null))
);

-- Every correction: the value it replaced, who, when and why (sealed), oldest first.
create table rectifications (
  id uuid primary key,
  -- the order corrections were made in, even within one instant
  seq bigint generated always as identity,
  controller_id text not null references controllers (id),
  person_id uuid not null references people (id),
  -- null for the person's own details
  record_id uuid references records (id) on delete cascade,
  record_type text not null,
  field text not null,
  request_id uuid references rights_requests (id),
  -- { old, new, reason } sealed
  change bytea not null,
  actor text not null,
  actor_kind text not null,
  at timestamptz not null
);
create index rectifications_person on rectifications (person_id, seq);
create index rectifications_record on rectifications (record_id) where record_id is not null;

-- Objections (Art. 21) to one activity, or to all direct marketing. While upheld, the gate refuses
-- the objected purposes for this person; compelling legitimate grounds (never for direct
-- marketing) or the person's withdrawal end that.
create table objections (
  id uuid primary key,
  controller_id text not null references controllers (id),
  person_id uuid not null references people (id),
  scope text not null check (scope in ('activity', 'direct-marketing')),
  activity_id text,
  -- what the processing objected to relies on: the right differs (absolute for direct marketing)
  ground text not null check (ground in ('legitimate-interests', 'recognised-legitimate-interest', 'public-task', 'direct-marketing')),
  request_id uuid references rights_requests (id),
  status text not null check (status in ('upheld', 'overridden', 'withdrawn')),
  received_on date not null,
  override_code text check (override_code in ('compelling-legitimate-grounds', 'legal-claims')),
  -- { note, grounds } sealed
  words bytea not null,
  created_at timestamptz not null,
  created_by text not null,
  decided_at timestamptz,
  decided_by text,
  check ((scope = 'activity') = (activity_id is not null)),
  check ((status = 'overridden') = (override_code is not null)),
  check (status <> 'overridden' or ground <> 'direct-marketing')
);
create index objections_person on objections (person_id) where status = 'upheld';

-- Decisions made by automated means, as the manifest declares them (activity, decision id), with
-- the version of the logic that made them; inputs and outcome sealed.
create table automated_decisions (
  id uuid primary key,
  controller_id text not null references controllers (id),
  person_id uuid not null references people (id),
  activity_id text not null,
  decision_kind text not null,
  logic_version text not null,
  record_id uuid references records (id) on delete cascade,
  decided_at timestamptz not null,
  -- { inputs, outcome } sealed
  content bytea not null,
  created_at timestamptz not null,
  created_by text not null
);
create index automated_decisions_person on automated_decisions (person_id, decided_at);

-- A person's request for a human to look at an automated decision again, and its result.
create table automated_decision_reviews (
  id uuid primary key,
  decision_id uuid not null references automated_decisions (id) on delete cascade,
  controller_id text not null,
  person_id uuid not null references people (id),
  request_id uuid references rights_requests (id),
  status text not null check (status in ('requested', 'completed')),
  requested_at timestamptz not null,
  requested_by text not null,
  completed_at timestamptz,
  reviewer text,
  result text check (result in ('upheld', 'changed')),
  -- { why } when asked; { why, reasons, outcome } once reviewed; sealed
  words bytea not null,
  check ((status = 'completed') = (result is not null and completed_at is not null and reviewer is not null))
);
create index automated_decision_reviews_decision on automated_decision_reviews (decision_id);
