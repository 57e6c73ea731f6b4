-- Up Migration

-- The employer service's facts (ladder.employers): placements, interviews, offers, the six
-- pre-employment checks and the employment that follows an offer. Like training's, its events
-- name a participant in a programme, not a referral: every journey of that participant and
-- programme shows them. Each event is also a participant milestone (the timeline), now marked
-- with the service that reported it.
alter table participant_milestone add column source text not null default 'training';
alter table participant_milestone alter column source drop default;

-- A programme's checkDueDays (ProgrammeRulesPublished rules.employment): the employer creates the
-- six checks on acceptance, due that many days later, and publishes no event for them until one
-- changes, so the read model dates them itself.
alter table programme add column check_due_days int;

-- Every "latest" column group below keeps the time and id of the event it came from, and a later
-- event (by occurredAt, then event id) replaces it, an earlier or repeated one does not: so the rows
-- are the same whatever order the events arrived in, and a rebuild gives them byte for byte.

create table placement (
  placement_id uuid primary key,
  participant_id uuid not null,
  programme_id text not null,
  slot_id uuid not null,
  employer_organisation_id text not null,
  -- work-experience, shadowing, work-placement (not every placement event carries it)
  kind text,
  -- proposed, confirmed, declined, started, completed, ended-early: the latest event's
  status text not null,
  reason_code text,
  status_at timestamptz not null,
  status_event uuid not null
);
create index placement_of_participant on placement (participant_id, programme_id);

create table interview (
  interview_id uuid primary key,
  participant_id uuid not null,
  programme_id text not null,
  vacancy_id uuid not null,
  employer_organisation_id text not null,
  scheduled_at timestamptz,
  format text,
  site_id uuid,
  scheduled_event_at timestamptz,
  scheduled_event uuid,
  -- attended or missed, and the result of one attended
  attendance text,
  result text,
  recorded_at timestamptz,
  recorded_event uuid
);
create index interview_of_participant on interview (participant_id, programme_id);

-- An offer and the employment that follows it (the offer id is the reference of both).
create table offer (
  offer_id uuid primary key,
  participant_id uuid not null,
  programme_id text not null,
  vacancy_id uuid not null,
  employer_organisation_id text not null,
  -- from OfferMade (null until it has been seen)
  interview_id uuid,
  role text,
  band text,
  site_id uuid,
  hours_per_week numeric,
  respond_by timestamptz,
  made_at timestamptz,
  accepted_at timestamptz,
  -- made, accepted, declined, expired, withdrawn, unconditional: the latest such event's (null
  -- only if a later event of the offer overtook them all)
  status text,
  reason_code text,
  failed_check text,
  status_at timestamptz,
  status_event uuid,
  -- the employment
  starts_on date,
  start_agreed_at timestamptz,
  start_agreed_event uuid,
  started_on date,
  left_on date,
  left_reason text
);
create index offer_of_participant on offer (participant_id, programme_id);

-- The six checks of an accepted offer. A check no event has named yet is as the employer
-- created it: not started, the employer's, due checkDueDays after the acceptance.
create table pre_employment_check (
  offer_id uuid not null,
  "check" text not null,
  status text not null,
  owner text,
  third_party text,
  due_on date,
  evidence_seen_on date[] not null default '{}',
  -- null while the check is as created (no EmploymentCheckUpdated yet)
  updated_at timestamptz,
  updated_event uuid,
  primary key (offer_id, "check")
);

-- The 13- and 26-week marks of an employment: asked for (SustainmentDue), answered in post.
create table sustainment_mark (
  offer_id uuid not null,
  weeks int not null,
  reached_at timestamptz,
  answer_due_at timestamptz,
  confirmed_at timestamptz,
  primary key (offer_id, weeks)
);

-- What a journey's employer facts say it waits for, derived with the rest of its row.
alter table journey
  -- the earliest open deadline the read model knows of: a missed one, an offer's answer, an open
  -- check's due day (its end), a sustainment answer
  add column next_deadline_at timestamptz,
  -- the earliest due day of an open check the employer holds
  add column employer_check_due_on date,
  -- the earliest answer due of a sustainment mark asked for and not yet answered
  add column sustainment_answer_due_at timestamptz;
create index journey_next_deadline on journey (next_deadline_at) where next_deadline_at is not null;
create index journey_waiting_on_employer on journey (employer_check_due_on, sustainment_answer_due_at)
  where employer_check_due_on is not null or sustainment_answer_due_at is not null;

-- Down Migration

drop index journey_waiting_on_employer;
drop index journey_next_deadline;
alter table journey drop column sustainment_answer_due_at, drop column employer_check_due_on,
  drop column next_deadline_at;
drop table sustainment_mark;
drop table pre_employment_check;
drop table offer;
drop table interview;
drop table placement;
alter table programme drop column check_due_days;
alter table participant_milestone drop column source;
