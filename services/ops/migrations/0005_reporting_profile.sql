-- Up Migration

-- A participant's reporting profile (ReportingProfileShared, sealed on the topic): the postcode
-- area and priority groups the outcome report breaks its figures down by. Special category data:
-- kept only while the participant's consent covers outcome reporting to the programme operator,
-- and deleted here when it is withdrawn or expires or the participant is erased.

-- Each share, consent withdrawal or expiry of one referral, keyed by event id. A share's area and
-- groups are nulled as soon as a later withdrawal, expiry or erasure is known (and a share that
-- arrives after such a one is stored without them), so the rows are the same whatever order the
-- events came in, and no code outlives the consent.
create table reporting_profile_change (
  event_id uuid primary key,
  referral_id uuid not null,
  participant_id uuid not null,
  -- shared, consent-withdrawn, consent-expired
  change text not null,
  occurred_at timestamptz not null,
  area text,
  priority_groups text[]
);
create index reporting_profile_change_of_referral
  on reporting_profile_change (referral_id, occurred_at, event_id);
create index reporting_profile_change_of_participant
  on reporting_profile_change (participant_id, occurred_at, event_id);

-- Every erasure of a participant (ParticipantErased): what was shared before it is gone for good.
create table participant_erasure (
  event_id uuid primary key,
  participant_id uuid not null,
  erased_at timestamptz not null
);
create index participant_erasure_of_participant
  on participant_erasure (participant_id, erased_at, event_id);

-- Derived from the latest of the referral's changes and the participant's erasures: the share's
-- profile when that is a share, else none (null: not shared, withdrawn, expired or erased).
alter table journey
  add column area text,
  -- sorted, distinct; empty when shared and in no group
  add column priority_groups text[];
create index journey_by_area on journey (area) where area is not null;
create index journey_by_priority_group on journey using gin (priority_groups)
  where priority_groups is not null;

-- Down Migration

drop index journey_by_priority_group;
drop index journey_by_area;
alter table journey drop column priority_groups, drop column area;
drop table participant_erasure;
drop table reporting_profile_change;
