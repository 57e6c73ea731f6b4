-- Up Migration

-- Every submission looks the person up by their match key in any programme (to reuse their
-- participant id and data key). Without this index that look-up read the whole table, so each
-- referral cost more than the last.
create index referrals_by_person on referrals (person_match_key, created_at);

-- Down Migration

drop index referrals_by_person;
