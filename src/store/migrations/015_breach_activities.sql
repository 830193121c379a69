-- The processing activities a breach affected, where the DPO names them: the manifest's activity
-- ids, checked against it when recorded (src/breaches/input.ts). Empty means "not named", and the
-- record of processing then links the breach to activities by the data categories it affected.
alter table breaches add column activities text[] not null default '{}';
