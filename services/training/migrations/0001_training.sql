-- Up Migration

-- The training service's copy of each programme's operator and training settings, kept from
-- ProgrammeRulesPublished (the referral service owns programmes). The highest version wins.
create table programmes (
  id text primary key,
  operator_organisation_id text not null,
  version int not null,
  training jsonb not null,
  updated_at timestamptz not null default now()
);

-- Which participant is in which programme, kept from ReferralSubmitted: an operator may ask for
-- places only for the participants of programmes it operates. Ids only.
create table programme_participants (
  participant_id uuid not null,
  programme_id text not null,
  referral_id uuid not null,
  primary key (participant_id, programme_id)
);

create table courses (
  id uuid primary key,
  provider_organisation_id text not null,
  title text not null,
  description text,
  qualification text not null,
  level text not null,
  mode text not null,
  -- Where it is taught, as a postcode area or district (never a learner's address).
  postcode_area text not null,
  length_weeks int not null check (length_weeks > 0),
  guided_hours int check (guided_hours > 0),
  funding_route text not null,
  created_at timestamptz not null default now()
);
create index courses_by_provider on courses (provider_organisation_id, created_at);

create table intakes (
  id uuid primary key,
  course_id uuid not null references courses (id),
  provider_organisation_id text not null,
  starts_on date not null,
  ends_on date not null check (ends_on >= starts_on),
  capacity int not null check (capacity > 0),
  created_at timestamptz not null default now()
);
create index intakes_by_course on intakes (course_id, starts_on);
create index intakes_by_provider on intakes (provider_organisation_id, starts_on);

create table intake_sessions (
  intake_id uuid not null references intakes (id),
  session_number int not null check (session_number > 0),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  primary key (intake_id, session_number)
);

-- A participant's place on an intake: enrolled (holds a seat), offered (a freed seat held for
-- them until offer_expires_at), waitlisted (in request_seq order), or ended. request_seq is
-- taken under the intake's row lock, so it is the order in which requests were decided.
create table places (
  id uuid primary key,
  intake_id uuid not null references intakes (id),
  participant_id uuid not null,
  programme_id text not null,
  requested_by text not null,
  requested_by_organisation_id text not null,
  request_seq bigint generated always as identity,
  status text not null check (status in
    ('enrolled', 'offered', 'waitlisted', 'completed', 'withdrawn', 'progressed', 'offer-declined', 'offer-lapsed')),
  offer_expires_at timestamptz,
  enrolled_at timestamptz,
  at_risk boolean not null default false,
  result text,
  awarding_body text,
  awarded_on date,
  end_reason text,
  ended_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index places_one_open_per_participant on places (intake_id, participant_id)
  where status in ('enrolled', 'offered', 'waitlisted');
create index places_by_intake on places (intake_id, request_seq);
create index places_offers_due on places (offer_expires_at) where status = 'offered';
create index places_by_programme on places (programme_id, intake_id);

-- Each version of a session's register: a correction is a new version, with who and when.
create table registers (
  intake_id uuid not null,
  session_number int not null,
  version int not null,
  recorded_by_organisation_id text not null,
  recorded_at timestamptz not null default now(),
  marks_hash text not null,
  primary key (intake_id, session_number, version),
  foreign key (intake_id, session_number) references intake_sessions (intake_id, session_number)
);

create table register_marks (
  intake_id uuid not null,
  session_number int not null,
  version int not null,
  place_id uuid not null references places (id),
  mark text not null,
  absence_reason text,
  primary key (intake_id, session_number, version, place_id),
  foreign key (intake_id, session_number, version) references registers (intake_id, session_number, version)
);
create index register_marks_by_place on register_marks (place_id, session_number);

-- Down Migration
drop table register_marks;
drop table registers;
drop table places;
drop table intake_sessions;
drop table intakes;
drop table courses;
drop table programme_participants;
drop table programmes;
