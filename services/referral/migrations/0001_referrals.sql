-- Up Migration

-- Programmes and their rules, as data with versions: a change adds a version and applies to new
-- referrals only.
create table programmes (
  id text primary key,
  operator_organisation_id text not null,
  current_version int not null,
  created_at timestamptz not null default now()
);

create table programme_versions (
  programme_id text not null references programmes (id),
  version int not null,
  rules jsonb not null,
  created_at timestamptz not null default now(),
  primary key (programme_id, version)
);

-- Each participant's data key, wrapped by a master key. Deleting a row crypto-shreds the person.
create table participant_keys (
  participant_id uuid primary key,
  master_key_id text not null,
  wrapped_key bytea not null,
  created_at timestamptz not null default now()
);

-- No personal data in plain columns: the person, priority groups (special category data),
-- adjustments, work coach and notes are in `personal_data`, encrypted under the participant's key.
create table referrals (
  id uuid primary key,
  participant_id uuid not null,
  referrer_organisation_id text not null,
  programme_id text not null references programmes (id),
  programme_version int not null,
  person_match_key text not null,
  personal_data bytea not null,
  consent jsonb not null,
  eligibility jsonb not null,
  status text not null,
  stage text,
  outcome text,
  active boolean not null,
  withdrawal_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One active journey per person and programme, enforced by the database so that two concurrent
-- referrals of the same person cannot both get in.
create unique index referrals_one_active_per_person
  on referrals (programme_id, person_match_key) where active;
create index referrals_by_referrer on referrals (referrer_organisation_id, updated_at, id);
create index referrals_by_participant on referrals (participant_id);

-- What happened to a referral, in order: the closed loop the referrer reads.
create table referral_milestones (
  referral_id uuid not null references referrals (id),
  seq int not null,
  code text not null,
  detail jsonb not null default '{}',
  occurred_at timestamptz not null,
  source_event_id uuid,
  primary key (referral_id, seq)
);
create unique index referral_milestones_once_per_event on referral_milestones (referral_id, source_event_id)
  where source_event_id is not null;

-- Webhook subscriptions of referrers, and the delivery log they can read.
create table webhook_subscriptions (
  id uuid primary key,
  organisation_id text not null,
  url text not null,
  secret_master_key_id text not null,
  secret_sealed bytea not null,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index webhook_subscriptions_by_org on webhook_subscriptions (organisation_id) where active;

create table webhook_deliveries (
  id uuid primary key,
  subscription_id uuid not null references webhook_subscriptions (id),
  referral_id uuid not null references referrals (id),
  payload jsonb not null,
  status text not null default 'pending',
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_response_status int,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz not null default now()
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_by_subscription on webhook_deliveries (subscription_id, created_at);

-- Down Migration
drop table webhook_deliveries;
drop table webhook_subscriptions;
drop table referral_milestones;
drop table referrals;
drop table participant_keys;
drop table programme_versions;
drop table programmes;
