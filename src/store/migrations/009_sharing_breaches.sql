-- Sharing and breaches: data sharing agreements and processor contracts entered in the store (those
-- the manifest declares are read from it), the disclosure log, routine returns, and the breach
-- register. In clear: ids, codes, dates, counts and the manifest's own ids, which the checks, the
-- DPO's lists and the clocks need. What is written in words about a disclosure (the request's
-- reference, the recipient's name, what was disclosed and why) is sealed under the data subject's
-- key. A breach's own words describe the incident, never the people (docs/breaches.md); who was
-- affected is kept as ids.

-- Agreements entered by the DPO. Scope: the categories and activities (purposes) it covers; empty
-- means "as the manifest's activities for this recipient" (src/sharing/agreements.ts).
create table sharing_agreements (
  controller_id text not null references controllers (id),
  id text not null,
  recipient_id text not null,
  type text not null check (type in ('data-sharing-agreement', 'processor-contract', 'joint-controller-arrangement', 'memorandum-of-understanding', 'statutory-gateway')),
  reference text,
  starts_on date,
  expires_on date,
  review_on date,
  categories text[] not null default '{}',
  activities text[] not null default '{}',
  entered_at timestamptz not null,
  entered_by text not null,
  updated_at timestamptz not null,
  updated_by text not null,
  primary key (controller_id, id),
  check (expires_on is null or starts_on is null or expires_on >= starts_on)
);

-- Routine returns generated from the store: one row per file, with counts only.
create table routine_returns (
  id uuid primary key,
  controller_id text not null references controllers (id),
  kind text not null check (kind in ('nfi', 'core', 'rental-exchange')),
  recipient_id text not null,
  agreement_id text not null,
  activity_id text not null,
  period_from date not null,
  period_to date not null,
  generated_at timestamptz not null,
  generated_by text not null,
  approved_by text not null,
  people integer not null,
  row_count integer not null,
  -- people left out, by reason code (objected, restricted, erased, refused)
  excluded jsonb not null default '{}',
  -- sha256 of each file, so a copy found later can be matched to this return
  files jsonb not null default '[]'
);
create index routine_returns_controller on routine_returns (controller_id, generated_at);

-- Every disclosure of a person's data outside the controller, ad hoc or in a routine return.
create table disclosures (
  id uuid primary key,
  -- the order disclosures were logged in, even within one instant
  seq bigint generated always as identity,
  controller_id text not null references controllers (id),
  person_id uuid not null references people (id),
  kind text not null check (kind in ('ad-hoc', 'routine')),
  return_id uuid references routine_returns (id),
  -- a recipient the manifest declares, or an authorised representative acting for the person
  recipient_id text,
  representative_id uuid references rights_representatives (id),
  recipient_kind text not null,
  activity_id text,
  basis text not null check (basis in ('agreement', 'crime-and-taxation', 'required-by-law', 'legal-proceedings', 'acting-for-the-person', 'vital-interests')),
  agreement_id text,
  categories text[] not null,
  disclosed_on date not null,
  approved_by text not null,
  -- crime and taxation (DPA 2018 Sch. 2 para 2) also limits what the person is told (Art. 15)
  withheld_from_subject boolean not null default false,
  -- { reference, recipientName, description, reasons } sealed
  words bytea not null,
  created_at timestamptz not null,
  created_by text not null,
  check ((recipient_id is null) <> (representative_id is null)),
  check ((basis = 'agreement') = (agreement_id is not null)),
  check ((kind = 'routine') = (return_id is not null)),
  check (not withheld_from_subject or basis = 'crime-and-taxation'),
  check (cardinality(categories) > 0)
);
create index disclosures_person on disclosures (person_id, disclosed_on, seq);
create index disclosures_return on disclosures (return_id) where return_id is not null;

-- The breach register: every breach and near miss (UK GDPR Art. 33(5)).
create table breaches (
  id uuid primary key,
  controller_id text not null references controllers (id),
  kind text not null check (kind in ('breach', 'near-miss')),
  types text[] not null,
  summary text not null,
  occurred_at timestamptz,
  aware_at timestamptz not null,
  categories text[] not null default '{}',
  core_data boolean not null default false,
  approx_people integer check (approx_people >= 0),
  approx_records integer check (approx_records >= 0),
  recorded_at timestamptz not null,
  recorded_by text not null,
  -- the risk assessment: likelihood and severity give the level
  likelihood text check (likelihood in ('remote', 'possible', 'likely')),
  severity text check (severity in ('minimal', 'significant', 'severe')),
  risk text check (risk in ('unlikely', 'risk', 'high')),
  consequences text,
  risk_reasons text,
  assessed_at timestamptz,
  assessed_by text,
  -- the decisions, with reasons (the ICO expects decisions not to report to be recorded)
  ico_decision text check (ico_decision in ('notify', 'not-notify')),
  ico_reasons text,
  people_decision text check (people_decision in ('notify', 'not-notify', 'public-communication')),
  people_exception text check (people_exception in ('unintelligible', 'risk-no-longer-likely', 'disproportionate-effort')),
  people_reasons text,
  message_to_people text,
  decided_at timestamptz,
  decided_by text,
  ico_reported_at timestamptz,
  ico_reference text,
  ico_delay_reasons text,
  core_reported_at timestamptz,
  core_reference text,
  core_delay_reasons text,
  status text not null default 'open' check (status in ('open', 'closed')),
  lessons text,
  closed_at timestamptz,
  closed_by text,
  check (occurred_at is null or occurred_at <= aware_at),
  check ((risk is null) = (assessed_at is null)),
  check ((status = 'closed') = (closed_at is not null))
);
create index breaches_open on breaches (controller_id, aware_at) where status = 'open';

create table breach_returns (
  breach_id uuid not null references breaches (id),
  return_id uuid not null references routine_returns (id),
  primary key (breach_id, return_id)
);

-- The people a breach affected, how they were found, and whether they have been told.
create table breach_affected (
  breach_id uuid not null references breaches (id),
  person_id uuid not null references people (id),
  controller_id text not null,
  found_by text not null check (found_by in ('accessed-by', 'records', 'return', 'people')),
  added_at timestamptz not null,
  added_by text not null,
  letter_at timestamptz,
  primary key (breach_id, person_id)
);
create index breach_affected_person on breach_affected (person_id);

create table breach_actions (
  breach_id uuid not null references breaches (id),
  n integer not null,
  kind text not null check (kind in ('containment', 'recovery', 'prevention', 'lesson')),
  action text not null,
  owner text not null,
  due_on date,
  done_at timestamptz,
  done_by text,
  created_at timestamptz not null,
  created_by text not null,
  primary key (breach_id, n)
);
