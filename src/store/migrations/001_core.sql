-- The personal-data store. Every table that holds personal data carries controller_id, so a
-- deployment can host several controllers and PostgreSQL can distribute by it. Personal content
-- is stored encrypted under the person's own data key, which lives in the key vault, a separate
-- database (vault-migrations/): a dump of this database alone can never be decrypted once a key
-- is destroyed. What stays in clear is what the gate, retention and the audit need: ids, types,
-- lifecycle dates.

create table controllers (
  id text primary key,
  name text not null,
  created_at timestamptz not null default now()
);

create table people (
  id uuid primary key,
  controller_id text not null references controllers (id),
  subject_types text[] not null default '{}',
  -- names, date of birth, contact details and identifiers, encrypted as one JSON document
  profile bytea not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  erased_at timestamptz
);
create index people_controller on people (controller_id);

-- Keyed hashes (HMAC) of normalised identifiers, so people can be found by NI number, customer
-- reference, email or surname without storing any of them in clear.
create table person_lookup (
  controller_id text not null,
  kind text not null,
  token bytea not null,
  person_id uuid not null references people (id) on delete cascade,
  primary key (controller_id, kind, token, person_id)
);
create index person_lookup_person on person_lookup (person_id);

create table properties (
  id uuid primary key,
  controller_id text not null references controllers (id),
  uprn text,
  address text not null,
  postcode text not null,
  patch text,
  created_at timestamptz not null default now()
);

create table households (
  id uuid primary key,
  controller_id text not null references controllers (id),
  property_id uuid references properties (id),
  created_at timestamptz not null default now()
);

create table household_members (
  household_id uuid not null references households (id),
  person_id uuid not null references people (id),
  controller_id text not null,
  relationship text not null check (relationship in ('joint-tenant', 'sole-tenant', 'partner', 'child', 'adult-member', 'lodger', 'carer', 'other')),
  started_on date not null,
  ended_on date,
  primary key (household_id, person_id, started_on)
);
create index household_members_person on household_members (person_id);

create table tenancies (
  id uuid primary key,
  controller_id text not null references controllers (id),
  household_id uuid not null references households (id),
  property_id uuid not null references properties (id),
  kind text not null,
  started_on date not null,
  ended_on date
);
create index tenancies_household on tenancies (household_id);

create table tenancy_parties (
  tenancy_id uuid not null references tenancies (id),
  person_id uuid not null references people (id),
  controller_id text not null,
  primary key (tenancy_id, person_id)
);
create index tenancy_parties_person on tenancy_parties (person_id);

-- Records of the types the manifest declares. The payload (every field) is encrypted under the
-- subject's key; lifecycle dates stay in clear for retention, and assignment for need-to-know.
create table records (
  id uuid primary key,
  controller_id text not null references controllers (id),
  person_id uuid not null references people (id),
  record_type text not null,
  payload bytea not null,
  patch text,
  team text,
  assigned_to text,
  created_at timestamptz not null,
  occurred_at timestamptz,
  closed_at timestamptz,
  ended_at timestamptz,
  updated_at timestamptz not null
);
create index records_person on records (person_id, record_type);
create index records_controller_type on records (controller_id, record_type);
create index records_assigned on records (assigned_to) where assigned_to is not null;

-- Other people a record refers to, with their part in it.
create table mentions (
  record_id uuid not null references records (id) on delete cascade,
  person_id uuid not null references people (id),
  controller_id text not null,
  part text not null check (part in ('complainant', 'witness', 'alleged-perpetrator', 'household-member', 'staff', 'caller', 'representative', 'other')),
  primary key (record_id, person_id, part)
);
create index mentions_person on mentions (person_id);

create table documents (
  id uuid primary key,
  controller_id text not null references controllers (id),
  person_id uuid not null references people (id),
  record_id uuid references records (id) on delete cascade,
  kind text not null check (kind in ('id-document', 'photo', 'cctv-clip', 'call-recording', 'letter', 'email', 'other')),
  media_type text not null,
  size_bytes integer not null,
  content bytea not null,
  created_at timestamptz not null
);
create index documents_person on documents (person_id);
create index documents_record on documents (record_id);
