-- The subject access review covers the person's disclosure log too: each disclosure about them is
-- an item the caseworker can withhold under an exemption, and those the log marks as withheld from
-- the person (crime and taxation, while telling them would prejudice it) start withheld, released
-- only if the caseworker lifts the exemption.
alter table sar_review_items drop constraint sar_review_items_item_kind_check;
alter table sar_review_items add constraint sar_review_items_item_kind_check
  check (item_kind in ('record', 'document', 'disclosure'));
alter table sar_review_items drop constraint sar_review_items_source_check;
alter table sar_review_items add constraint sar_review_items_source_check
  check (source in ('own', 'mention', 'document', 'disclosure'));
