-- Data subject rights requests (UK GDPR Arts 12-22) and the representatives who may make them.
-- In clear: ids, codes, statuses and calendar dates, which the clock and the DPO's lists need.
-- Anything written in words (a representative's name, the request's wording, notes, reasons) is
-- sealed under the data subject's key, so erasing the person erases it too.

-- Who may act for whom: another person on file, or someone outside described only in sealed text.
create table rights_representatives (
  id uuid primary key,
  controller_id text not null references controllers (id),
  -- the person represented
  person_id uuid not null references people (id),
  -- the representative, when they are a person on file
  agent_person_id uuid references people (id),
  kind text not null check (kind in ('solicitor', 'advocate', 'family-member', 'mp', 'councillor', 'carer', 'attorney', 'deputy')),
  -- { name, organisation } for an external representative, sealed under the represented person's key
  agent_details bytea,
  -- rights the authority covers, or {all}
  scope text[] not null,
  evidence_kind text check (evidence_kind in ('written-authority', 'lasting-power-of-attorney', 'court-order', 'verbal-recorded')),
  -- the evidence's reference, sealed
  evidence_ref bytea,
  starts_on date not null,
  expires_on date,
  created_at timestamptz not null,
  check (agent_person_id is not null or agent_details is not null),
  check (expires_on is null or expires_on >= starts_on)
);
create index rights_representatives_person on rights_representatives (person_id);

create table rights_requests (
  id uuid primary key,
  controller_id text not null references controllers (id),
  person_id uuid not null references people (id),
  representative_id uuid references rights_representatives (id),
  "right" text not null check ("right" in ('access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'automated-decision', 'withdraw-consent')),
  channel text not null check (channel in ('portal', 'phone', 'email', 'letter', 'in-person', 'representative')),
  status text not null check (status in ('received', 'awaiting-id', 'awaiting-authority', 'awaiting-clarification', 'in-progress', 'extended', 'completed', 'refused', 'withdrawn', 'closed')),
  refusal_reason text check (refusal_reason in ('manifestly-unfounded', 'manifestly-excessive', 'exemption', 'identity-not-verified', 'no-authority')),
  jurisdiction text not null check (jurisdiction in ('england-and-wales', 'scotland', 'northern-ireland')),
  received_on date not null,
  id_received_on date,
  authority_received_on date,
  extension_told_on date,
  extension_months smallint check (extension_months in (1, 2)),
  -- the extension's reasons, sealed
  extension_reasons bytea,
  -- the deadline, denormalised for the lists; recomputed by the clock on every transition
  due_on date not null,
  -- { wording, notes }, sealed
  details bytea not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index rights_requests_person on rights_requests (person_id);
create index rights_requests_due on rights_requests (controller_id, status, due_on);

-- Clarification asked for (Art 12A): the clock stops from asked_on until answered_on.
create table rights_request_clarifications (
  request_id uuid not null references rights_requests (id),
  controller_id text not null,
  n integer not null,
  asked_on date not null,
  -- the day the answer came (or the pause otherwise ended); null while still awaited
  answered_on date,
  primary key (request_id, n)
);

-- Every change of status, in order: the day it happened, who did it, and why (sealed).
create table request_events (
  request_id uuid not null references rights_requests (id),
  controller_id text not null,
  n integer not null,
  from_status text,
  to_status text not null,
  on_date date not null,
  at timestamptz not null,
  actor text not null,
  actor_kind text not null,
  reason_code text,
  -- { text } the note or refusal reasons, sealed
  note bytea,
  primary key (request_id, n)
);
