-- Up Migration

-- An interview for a vacancy. Scheduled by the operator of the participant's programme, or by the
-- vacancy's employer for a participant who has a placement with it (the employer knows them).
-- `attendance` and `result` are null until recorded; a result of `no-decision` may be followed by
-- a decision.
create table interviews (
  id uuid primary key,
  vacancy_id uuid not null references vacancies (id),
  employer_organisation_id text not null,
  participant_id uuid not null,
  programme_id text not null,
  operator_organisation_id text not null,
  scheduled_by text not null check (scheduled_by in ('programme-operator', 'employer')),
  scheduled_at timestamptz not null,
  format text not null check (format in ('in-person', 'video')),
  site_id uuid references sites (id),
  attendance text check (attendance in ('attended', 'missed')),
  result text check (result in ('successful', 'unsuccessful', 'no-decision')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- An in-person interview is at a site; a video one is not.
  check ((format = 'in-person') = (site_id is not null)),
  -- A missed interview has no result.
  check (attendance is distinct from 'missed' or result is null)
);
create index interviews_by_employer on interviews (employer_organisation_id, created_at);
create index interviews_by_operator on interviews (operator_organisation_id, created_at);
create index interviews_by_participant on interviews (participant_id);
-- Whether a participant is known to an employer (a placement with it) is asked by participant.
create index placements_by_participant on placements (participant_id);

-- The six NHS Employment Check Standards of an accepted offer, created together when it is
-- accepted. Who holds the next action and when it is due; the days evidence was seen, never the
-- evidence. `cleared` and `failed` are final.
create table employment_checks (
  offer_id uuid not null references offers (id),
  "check" text not null check ("check" in ('identity', 'right-to-work',
    'registration-and-qualifications', 'employment-history-and-references',
    'criminal-record-and-barring', 'work-health-assessment')),
  status text not null check (status in ('not-started', 'in-progress', 'waiting-for-candidate',
    'waiting-for-third-party', 'cleared', 'failed')),
  owner text check (owner in ('employer', 'participant', 'third-party')),
  third_party text,
  due_on date,
  evidence_seen_on date[] not null default '{}',
  updated_at timestamptz not null default now(),
  primary key (offer_id, "check"),
  check ((owner = 'third-party') = (third_party is not null))
);

-- Down Migration
drop table employment_checks;
drop index placements_by_participant;
drop table interviews;
