-- Up Migration

-- Consent times are kept in UTC (the API now stores them so), so that their text sorts as time
-- and the expiry job can use an index on it.
update referrals set consent = consent
  || jsonb_build_object('givenAt', to_char((consent->>'givenAt')::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  || jsonb_build_object('expiresAt', to_char((consent->>'expiresAt')::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));

-- When the expiry of the current consent was announced (ConsentExpired); a renewal clears it.
alter table referrals add column consent_expiry_announced_at timestamptz;

create index referrals_consent_expiring on referrals ((consent->>'expiresAt'))
  where active and consent_expiry_announced_at is null;

-- Down Migration

drop index referrals_consent_expiring;
alter table referrals drop column consent_expiry_announced_at;
