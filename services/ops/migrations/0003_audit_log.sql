-- Up Migration

-- Who saw or did what, when: every export (and, as they come, every reveal of personal data and
-- every action). Append-only: the service's code only inserts, and this trigger refuses any
-- update or delete, whoever asks. Holds ids and codes, never personal data.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  operator_organisation_id text not null,
  -- `staff:<subject>` or `api-key:<id>`
  actor text not null,
  action text not null,
  -- what it was done to: a referral id, or the export's query as text
  subject text not null,
  detail jsonb not null default '{}'
);
create index audit_log_by_operator on audit_log (operator_organisation_id, at desc, id desc);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the audit log is append-only';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();

-- Down Migration

drop table audit_log;
drop function audit_log_is_append_only;
