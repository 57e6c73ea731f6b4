-- Up Migration

-- The employer service's copy of each programme's operator and employment settings, kept from
-- ProgrammeRulesPublished (the referral service owns programmes). The highest version wins.
create table programmes (
  id text primary key,
  operator_organisation_id text not null,
  version int not null,
  employment jsonb not null,
  updated_at timestamptz not null default now()
);

-- Which participant is in which programme, kept from ReferralSubmitted. Ids only.
create table programme_participants (
  participant_id uuid not null,
  programme_id text not null,
  referral_id uuid not null,
  primary key (participant_id, programme_id)
);

-- An employer's sites: a name and a postcode area or district (an organisation's place of work).
create table sites (
  id uuid primary key,
  employer_organisation_id text not null,
  name text not null,
  postcode_area text not null,
  created_at timestamptz not null default now()
);
create index sites_by_employer on sites (employer_organisation_id, created_at);

create table placement_slots (
  id uuid primary key,
  employer_organisation_id text not null,
  site_id uuid not null references sites (id),
  kind text not null,
  role_area text not null,
  starts_on date not null,
  ends_on date not null check (ends_on >= starts_on),
  hours_per_week int not null check (hours_per_week > 0),
  capacity int not null check (capacity > 0),
  created_at timestamptz not null default now()
);
create index placement_slots_by_employer on placement_slots (employer_organisation_id, created_at);

-- A participant proposed for a slot by their programme's operator. Confirmed placements hold a
-- place; confirmations are decided under the slot's row lock, so capacity is never exceeded.
create table placements (
  id uuid primary key,
  slot_id uuid not null references placement_slots (id),
  employer_organisation_id text not null,
  participant_id uuid not null,
  programme_id text not null,
  operator_organisation_id text not null,
  status text not null check (status in
    ('proposed', 'confirmed', 'declined', 'started', 'completed', 'ended-early')),
  reason_code text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index placements_one_open_per_participant on placements (slot_id, participant_id)
  where status in ('proposed', 'confirmed', 'started');
create index placements_by_slot on placements (slot_id, status);

-- Down Migration
drop table placements;
drop table placement_slots;
drop table sites;
drop table programme_participants;
drop table programmes;
