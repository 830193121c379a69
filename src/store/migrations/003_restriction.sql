-- Restriction of processing (UK GDPR Art. 18): while set, the gate allows nothing but storage.
alter table people add column restricted_since timestamptz;
