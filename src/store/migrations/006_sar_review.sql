-- A caseworker's review of a subject access pack before it is released (UK GDPR Art. 15; DPA 2018
-- Sch. 2-4). In clear: ids, codes, offsets, lengths and dates, which the review and its audit need.
-- No text of any record is stored, redacted or not: each reviewed field keeps only a keyed digest
-- (under a key derived from the requester's data key) so a change before release is noticed, and
-- the caseworker's own words (notes, exemption reasons, identity evidence) are sealed under the
-- requester's key, so erasing the person erases them too.

create table sar_reviews (
  id uuid primary key,
  controller_id text not null references controllers (id),
  request_id uuid not null references rights_requests (id),
  person_id uuid not null references people (id),
  status text not null check (status in ('open', 'complete', 'released', 'superseded')),
  -- the purposes the pack was read under
  purposes text[] not null,
  started_on date not null,
  started_by text not null,
  -- the file's accesses listed in the pack are those up to this audit event (before the review)
  accesses_until_seq bigint not null,
  -- how the requester's identity was checked, when not through the request's awaiting-id step
  identity_method text check (identity_method in ('id-document', 'portal-account', 'known-contact-details', 'in-person')),
  identity_verified_on date,
  -- { note } about the evidence seen, sealed
  identity_note bytea,
  completed_at timestamptz,
  completed_by text,
  released_on date,
  released_at timestamptz,
  released_by text,
  -- sha-256 and size of the zip released, so the copy sent can be proved later
  release_sha256 bytea,
  release_bytes integer,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
-- one live review per request; superseded ones are kept for the record
create unique index sar_reviews_live on sar_reviews (request_id) where status <> 'superseded';

-- What the pack held when the review started: records (own and mentioning) and documents.
create table sar_review_items (
  review_id uuid not null references sar_reviews (id),
  controller_id text not null,
  item_kind text not null check (item_kind in ('record', 'document')),
  item_id uuid not null,
  source text not null check (source in ('own', 'mention', 'document')),
  -- an exemption withholds the whole item
  exemption text check (exemption in ('crime-and-taxation', 'public-protection-functions', 'legal-professional-privilege', 'self-incrimination', 'corporate-finance', 'management-forecasting', 'negotiations', 'confidential-references', 'third-party', 'health-serious-harm', 'social-work-serious-harm', 'education-serious-harm', 'child-abuse-data', 'prohibited-by-enactment')),
  -- { note } the caseworker's reasons for the exemption, sealed
  exemption_note bytea,
  exempted_by text,
  primary key (review_id, item_kind, item_id)
);

-- Each free-text field reviewed: its length (to check added spans) and a keyed digest of its text.
create table sar_review_fields (
  review_id uuid not null references sar_reviews (id),
  controller_id text not null,
  record_id uuid not null,
  field text not null,
  length integer not null check (length >= 0),
  digest bytea not null,
  primary key (review_id, record_id, field)
);

-- Redactions: proposed by the detectors (pending until decided) or added by the caseworker
-- (accepted when added; a caseworker may reject either kind later, while the review is open).
create table sar_review_redactions (
  review_id uuid not null references sar_reviews (id),
  controller_id text not null,
  n integer not null,
  record_id uuid not null,
  field text not null,
  start_at integer not null check (start_at >= 0),
  end_at integer not null,
  -- the detector's kind (known-person, unknown-name, nino, ...) or 'caseworker'
  kind text not null,
  origin text not null check (origin in ('proposed', 'added')),
  reason text not null check (reason in ('crime-and-taxation', 'public-protection-functions', 'legal-professional-privilege', 'self-incrimination', 'corporate-finance', 'management-forecasting', 'negotiations', 'confidential-references', 'third-party', 'health-serious-harm', 'social-work-serious-harm', 'education-serious-harm', 'child-abuse-data', 'prohibited-by-enactment')),
  decision text check (decision in ('accepted', 'rejected')),
  decided_at timestamptz,
  decided_by text,
  -- { note } the caseworker's words, sealed
  note bytea,
  primary key (review_id, n),
  check (end_at > start_at)
);
create index sar_review_redactions_field on sar_review_redactions (review_id, record_id, field);
