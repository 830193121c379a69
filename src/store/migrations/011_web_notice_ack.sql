-- Which version of the privacy notice each resident last acknowledged in the portal, and the
-- manifest as it stood then, so the portal can show what materially changed since (notice/diff).
-- Nothing here is a person's file: the account id and the notice's own text.
create table web_notice_acks (
  account_id uuid primary key references web_resident_accounts (id) on delete cascade,
  controller_id text not null,
  notice_version text not null,
  -- the manifest (JSON) as it was when acknowledged: the baseline for the next diff
  manifest jsonb not null,
  acknowledged_at timestamptz not null
);
