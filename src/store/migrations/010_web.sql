-- The web application's own tables: accounts, sessions, the outbox and API keys. Nothing here is
-- a person's file: resident accounts hold a link to a person and a keyed hash of the email they
-- signed up with (never the address), staff accounts hold the manifest's roles, patches and teams.
-- Sessions live here rather than in a server's memory, so several instances can serve one
-- database and "sign out everywhere" reaches every one of them.

-- Staff and third-party users (contractors): argon2id passwords and a TOTP second factor.
create table web_staff_accounts (
  id uuid primary key,
  controller_id text not null references controllers (id),
  -- the actor id the gate and the audit log know this person by (e.g. records' assigned_to)
  username text not null,
  display_name text not null,
  kind text not null check (kind in ('staff', 'third-party')),
  roles text[] not null,
  patches text[] not null default '{}',
  teams text[] not null default '{}',
  password_hash text not null,
  -- the TOTP secret, sealed (AES-256-GCM) under a key derived from the master key
  totp_secret bytea not null,
  -- the last time step a code was accepted for, so a code cannot be replayed
  totp_last_step bigint,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null,
  disabled_at timestamptz,
  unique (controller_id, username)
);

-- Residents' portal accounts, each tied to one person on file once their details matched.
create table web_resident_accounts (
  id uuid primary key,
  controller_id text not null references controllers (id),
  person_id uuid not null references people (id) on delete cascade,
  -- HMAC of the normalised email address (as person_lookup), so the address is not kept in clear
  email_token bytea not null,
  password_hash text not null,
  verified_at timestamptz,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null,
  unique (controller_id, email_token)
);
create unique index web_resident_accounts_person on web_resident_accounts (person_id);

-- One-time links (email verification): only a hash of the token is stored.
create table web_one_time_tokens (
  token_hash bytea primary key,
  account_id uuid not null references web_resident_accounts (id) on delete cascade,
  purpose text not null check (purpose in ('verify-email')),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index web_one_time_tokens_account on web_one_time_tokens (account_id);

-- Signed-in sessions. The cookie carries a random token; only its sha256 is stored.
create table web_sessions (
  id bytea primary key,
  account_kind text not null check (account_kind in ('staff', 'resident')),
  account_id uuid not null,
  controller_id text not null,
  -- staff sessions start at 'mfa' (password checked) and become 'active' after the TOTP code
  stage text not null check (stage in ('mfa', 'active')),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null
);
create index web_sessions_account on web_sessions (account_kind, account_id);
create index web_sessions_expiry on web_sessions (expires_at);

-- Messages Custos would send (email verification and the like). A mail sender drains it; the
-- demo and the tests read it instead of a real mailbox. Sent rows are deleted by the sender.
create table web_outbox (
  id uuid primary key,
  -- the order messages were queued in (clocks can agree to the microsecond)
  seq bigint generated always as identity,
  controller_id text not null,
  to_address text not null,
  subject text not null,
  body text not null,
  created_at timestamptz not null
);
create index web_outbox_seq on web_outbox (seq);

-- Service accounts (a housing management system, say) acting through the API under the
-- manifest's roles, limited to the purposes their keys allow.
create table web_service_accounts (
  id uuid primary key,
  controller_id text not null references controllers (id),
  name text not null,
  roles text[] not null,
  patches text[] not null default '{}',
  teams text[] not null default '{}',
  purposes text[] not null,
  created_at timestamptz not null,
  disabled_at timestamptz,
  unique (controller_id, name)
);

create table web_api_keys (
  -- the public part of the key, shown in lists; the secret part is stored only as sha256
  id text primary key,
  service_account_id uuid not null references web_service_accounts (id) on delete cascade,
  secret_hash bytea not null,
  created_at timestamptz not null,
  revoked_at timestamptz
);

-- First start: one row per controller claims the demo seeding, so instances starting together
-- against one database seed it once.
create table web_bootstrap (
  controller_id text primary key,
  claimed_at timestamptz not null,
  done_at timestamptz
);
