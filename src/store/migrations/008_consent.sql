-- Consent (UK GDPR Arts 7 and 9(2)(a)), kept in the shape of ISO/IEC TS 27560, and the choices
-- visitors make about the website's cookies (PECR reg. 6).
--
-- A person's consent to one activity is one record: its current status in clear, because the gate
-- reads it on every decision, and every change as an event (given, withdrawn, expired, refused)
-- with the notice version shown, the channel, the method and who expressed it. Anything written in
-- words (the evidence, a note, the name of someone who consented on the person's behalf) is sealed
-- under the person's key, so erasing the person erases it too.

create table consent_records (
  id uuid primary key,
  controller_id text not null references controllers (id),
  person_id uuid not null references people (id),
  -- the manifest's activity (purpose) consented to
  activity_id text not null,
  -- the latest event's state; only 'given' lets processing that relies on consent go on
  status text not null check (status in ('given', 'withdrawn', 'expired', 'refused')),
  -- when consent in force lapses; null while it lasts until withdrawn
  expires_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (person_id, activity_id),
  check (status = 'given' or expires_at is null)
);
create index consent_records_in_force on consent_records (person_id) where status = 'given';
create index consent_records_expiring on consent_records (controller_id, expires_at)
  where status = 'given' and expires_at is not null;

create table consent_events (
  record_id uuid not null references consent_records (id),
  controller_id text not null,
  n integer not null,
  state text not null check (state in ('given', 'withdrawn', 'expired', 'refused')),
  at timestamptz not null,
  -- the version of the privacy notice the person was shown (none for an expiry)
  notice_version text,
  language text,
  channel text not null check (channel in ('portal', 'web-form', 'phone', 'email', 'letter', 'in-person', 'system')),
  method text not null check (method in ('tick-box', 'signed-form', 'verbal', 'email', 'portal-toggle', 'expiry')),
  -- explicit consent (Art. 9(2)(a)) rather than consent expressed by a clear affirmative act
  explicit boolean not null,
  -- who expressed it: the person, someone acting for them, or the controller (an expiry)
  expressed_by text not null check (expressed_by in ('subject', 'representative', 'controller')),
  -- the authorised representative on the register, when it was one
  representative_id uuid references rights_representatives (id),
  recorded_by text not null,
  recorded_by_kind text not null,
  -- how long consent given in this event lasts; null until withdrawn
  expires_at timestamptz,
  -- { evidence, note, onBehalf: { kind, name, authority } } sealed; none for an expiry
  words bytea,
  primary key (record_id, n),
  check (expressed_by <> 'representative' or representative_id is not null or words is not null)
);

-- Every choice a visitor makes in the cookie banner. Not linked to any person: the consent id is a
-- random number kept in the visitor's own consent cookie, so the landlord can show which choice
-- was in force, and nothing more (no IP address, no browser details).
create table cookie_choices (
  id uuid primary key,
  controller_id text not null,
  consent_id uuid not null,
  -- the non-essential cookie categories allowed and refused; together, all the manifest declares
  accepted text[] not null,
  rejected text[] not null,
  method text not null check (method in ('accept-all', 'reject-all', 'settings', 'gpc')),
  -- the browser sent Global Privacy Control (Sec-GPC: 1 or navigator.globalPrivacyControl)
  gpc boolean not null,
  notice_version text not null,
  at timestamptz not null
);
create index cookie_choices_consent on cookie_choices (controller_id, consent_id, at);
