-- Emergency access (break-glass) grants are rare, but every view of a file asks whether one is in
-- force and the DPO's review lists them newest first. Without this, both would walk the whole audit
-- log whenever there is no grant. The queries name the action literally so the planner can use it.
create index audit_events_break_glass on audit_events (seq) where action = 'person.break-glass';
