-- Up Migration

-- The read model: every row is derived from events and nothing else, so that a rebuild (every
-- topic replayed into empty tables) gives the same rows. No column holds the time a row was
-- written, only the times the events report.

-- Facts, one row per event, as the events tell them. Keyed by event id, so a redelivered event
-- adds nothing whatever the consumer runner does.
create table journey_milestone (
  event_id uuid primary key,
  referral_id uuid not null,
  -- `referral` (submitted, withdrawn), `stage`, `outcome`, `stall`
  kind text not null,
  -- the stage, outcome, deadline name or referral milestone
  code text not null,
  occurred_at timestamptz not null,
  -- codes only (reason codes, who the journey waits on); never personal data
  detail jsonb not null default '{}'
);
create index journey_milestone_timeline on journey_milestone (referral_id, occurred_at, event_id);
-- "Reached stage S by date D" and "outcome O by date D" for the as-of reports.
create index journey_milestone_reached on journey_milestone (kind, code, occurred_at, referral_id);

-- Facts about a participant in a programme from services that know no referral (training, and
-- employers to come): the journey of that participant and programme shows them.
create table participant_milestone (
  event_id uuid primary key,
  participant_id uuid not null,
  programme_id text not null,
  code text not null,
  occurred_at timestamptz not null,
  detail jsonb not null default '{}'
);
create index participant_milestone_timeline
  on participant_milestone (participant_id, programme_id, occurred_at, event_id);

-- One row per journey (a referral to a programme), derived from its milestones after each event
-- in the order the events happened, not the order they arrived: a journey event that overtakes
-- its referral (they travel on different topics) leaves a row the referral later completes.
create table journey (
  referral_id uuid primary key,
  participant_id uuid not null,
  programme_id text not null,
  referrer_organisation_id text,
  programme_version int,
  eligibility text,
  referred_at timestamptz,
  stage text,
  stage_since timestamptz,
  -- from the latest missed deadline since the stage began (events report waiting only then)
  waiting_for text,
  waiting_from text,
  deadline_name text,
  deadline_due_at timestamptz,
  escalated boolean not null default false,
  -- the training provider reported missed sessions and nothing has put it right since
  at_risk boolean not null default false,
  -- the first outcome that ends the journey, and when
  ending_outcome text,
  ended_at timestamptz,
  withdrawn_reason text,
  last_milestone_at timestamptz not null
);
create index journey_by_programme on journey (programme_id, referred_at, referral_id);
create index journey_by_participant on journey (participant_id);
create index journey_at_risk on journey (programme_id) where at_risk;
create index journey_stalled on journey (deadline_due_at) where deadline_due_at is not null and ending_outcome is null;

-- Each programme's operator (from ProgrammeRulesPublished): who may see its journeys.
create table programme (
  programme_id text primary key,
  operator_organisation_id text not null,
  version int not null
);

-- Which generation of the read model this is: the projection's consumer group is named after
-- it, so a rebuild reads every topic from the beginning under a group that has never committed.
create table read_model_generation (
  only_row boolean primary key default true check (only_row),
  generation int not null
);
insert into read_model_generation (generation) values (1);

-- Down Migration

drop table read_model_generation;
drop table programme;
drop table journey;
drop table participant_milestone;
drop table journey_milestone;
