-- Ending a representative's authority before its expiry (a power of attorney revoked, a tenant
-- withdrawing an advocate's authority). The row stays, so the requests and disclosures made under
-- the authority still show who acted; from ended_on on, the authority no longer holds. The reason
-- is sealed under the represented person's key (it may say why the person fell out with them).
alter table rights_representatives
  add column ended_on date,
  add column end_reason bytea,
  add column ended_at timestamptz,
  add column ended_by text;
-- An end before the start is allowed: an authority withdrawn before the day it was to begin.
alter table rights_representatives
  add constraint rights_representatives_end_whole
    check ((ended_on is null) = (ended_at is null) and (ended_on is null) = (ended_by is null));
