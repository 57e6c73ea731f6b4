-- Up Migration

-- The change feed pollers page through (GET /v1/referrals with a cursor): each row carries the id
-- of the transaction that last changed it. A page lists only rows of transactions older than
-- every transaction still running (the relay reads the outbox the same way), so a transaction
-- that began early and commits late is listed after the changes that committed before it,
-- never skipped, and the cursor (transaction id, referral id) never lists a change twice.
alter table referrals add column change_xid xid8 not null default pg_current_xact_id();

create function referrals_stamp_change() returns trigger language plpgsql as $$
begin
  new.change_xid := pg_current_xact_id();
  return new;
end $$;

create trigger referrals_stamp_change before update on referrals
  for each row execute function referrals_stamp_change();

create index referrals_change_feed on referrals (referrer_organisation_id, change_xid, id);

-- Down Migration

drop index referrals_change_feed;
drop trigger referrals_stamp_change on referrals;
drop function referrals_stamp_change();
alter table referrals drop column change_xid;
