-- Up Migration

-- Every answer of the consented view: who asked (the calling service's organisation), for whom
-- (the provider or employer), the purpose and the recipient kind, and whether the person was
-- released or why not. Ids and codes only.
create table participant_view_releases (
  id bigint generated always as identity primary key,
  participant_id uuid not null,
  referral_id uuid not null references referrals (id),
  caller_organisation_id text not null,
  on_behalf_of text not null,
  purpose text not null,
  recipient text not null,
  released boolean not null,
  refusal text,
  answered_at timestamptz not null default now()
);
create index participant_view_releases_by_participant
  on participant_view_releases (participant_id, answered_at);

-- Down Migration
drop table participant_view_releases;
