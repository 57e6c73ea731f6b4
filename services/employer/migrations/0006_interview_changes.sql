-- Up Migration

-- An interview may be moved (a new time, format or site) or cancelled with a reason code by
-- whoever scheduled it, while its outcome is not recorded; a cancelled interview is never
-- recorded. `rescheduled_at` is the last move, null while it keeps its first time.
alter table interviews
  add column rescheduled_at timestamptz,
  add column cancelled_at timestamptz,
  add column cancel_reason text,
  add constraint interviews_cancelled_with_a_reason
    check ((cancelled_at is null) = (cancel_reason is null)),
  add constraint interviews_cancelled_never_recorded
    check (cancelled_at is null or attendance is null);

-- Down Migration
alter table interviews
  drop constraint interviews_cancelled_never_recorded,
  drop constraint interviews_cancelled_with_a_reason,
  drop column cancel_reason,
  drop column cancelled_at,
  drop column rescheduled_at;
