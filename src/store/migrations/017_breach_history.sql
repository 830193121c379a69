-- Every risk assessment and every decision on a breach is kept, dated and attributed (UK GDPR
-- Art. 33(5): the controller must be able to show what it decided, when and why). The rows are
-- only ever added: the latest is the current one, copied onto the breach for the clocks and the
-- register; earlier ones stay. A change made after the ICO was told, or letters were prepared,
-- carries its reason (revision_reason), checked in src/breaches/history.ts.
create table breach_assessments (
  breach_id uuid not null references breaches (id),
  n integer not null check (n >= 1),
  likelihood text not null check (likelihood in ('remote', 'possible', 'likely')),
  severity text not null check (severity in ('minimal', 'significant', 'severe')),
  risk text not null check (risk in ('unlikely', 'risk', 'high')),
  consequences text not null,
  reasons text not null,
  revision_reason text,
  made_at timestamptz not null,
  made_by text not null,
  primary key (breach_id, n)
);

create table breach_decisions (
  breach_id uuid not null references breaches (id),
  n integer not null check (n >= 1),
  ico_decision text not null check (ico_decision in ('notify', 'not-notify')),
  ico_reasons text not null,
  people_decision text not null check (people_decision in ('notify', 'not-notify', 'public-communication')),
  people_exception text check (people_exception in ('unintelligible', 'risk-no-longer-likely', 'disproportionate-effort')),
  people_reasons text not null,
  message_to_people text,
  consequences_for_people text,
  revision_reason text,
  made_at timestamptz not null,
  made_by text not null,
  primary key (breach_id, n)
);

-- What the letters tell people this could mean for them: written for them when deciding to tell
-- them, never the DPO's internal assessment.
alter table breaches add column consequences_for_people text;

-- Letters are prepared (downloaded) and, separately, marked as sent (letter_at) on the day posted.
alter table breach_affected add column letter_prepared_at timestamptz;
update breach_affected set letter_prepared_at = letter_at where letter_at is not null;

insert into breach_assessments
  (breach_id, n, likelihood, severity, risk, consequences, reasons, made_at, made_by)
select id, 1, likelihood, severity, risk, coalesce(consequences, ''), coalesce(risk_reasons, ''),
       assessed_at, assessed_by
  from breaches where risk is not null;

insert into breach_decisions
  (breach_id, n, ico_decision, ico_reasons, people_decision, people_exception, people_reasons,
   message_to_people, made_at, made_by)
select id, 1, ico_decision, coalesce(ico_reasons, ''), people_decision, people_exception,
       coalesce(people_reasons, ''), message_to_people, decided_at, decided_by
  from breaches where ico_decision is not null;

-- Any member of staff may report a suspected breach to the DPO: it is held as 'reported' until the
-- DPO triages it into the register as a breach or near miss (src/breaches/suspected.ts).
alter table breaches drop constraint breaches_status_check;
alter table breaches add constraint breaches_status_check check (status in ('reported', 'open', 'closed'));
