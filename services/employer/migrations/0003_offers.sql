-- Up Migration

-- The programme's deadline rules, kept from ProgrammeRulesPublished with its employment settings:
-- an offer's response deadline comes from them. Null until the programme is published again.
alter table programmes add column deadlines jsonb;

-- A conditional offer of a vacancy to a participant (after an interview, or straight from a
-- placement). `made` until answered or expired; `accepted` starts the six checks; `unconditional`
-- once all six are cleared; `declined`, `expired` and `withdrawn` end it (the journey goes back to
-- employability support). What follows an unconditional offer (start, sustainment) is kept apart.
create table offers (
  id uuid primary key,
  vacancy_id uuid not null references vacancies (id),
  employer_organisation_id text not null,
  participant_id uuid not null,
  programme_id text not null,
  operator_organisation_id text not null,
  interview_id uuid,
  role text not null,
  band text not null,
  site_id uuid not null references sites (id),
  hours_per_week numeric not null check (hours_per_week > 0),
  respond_by timestamptz not null,
  status text not null check (status in
    ('made', 'accepted', 'declined', 'expired', 'withdrawn', 'unconditional')),
  reason_code text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index offers_by_employer on offers (employer_organisation_id, created_at);
create index offers_by_operator on offers (operator_organisation_id, created_at);
-- The expiry job finds unanswered offers past their deadline without scanning the table.
create index offers_awaiting_answer on offers (respond_by) where status = 'made';
create unique index offers_one_open_per_vacancy_participant on offers (vacancy_id, participant_id)
  where status in ('made', 'accepted', 'unconditional');

-- Down Migration
drop table offers;
alter table programmes drop column deadlines;
