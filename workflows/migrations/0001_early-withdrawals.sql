-- Up Migration

-- A withdrawal that reaches the bridge before its referral's ReferralSubmitted (a dead-lettered
-- submission replayed later, say) has no journey to signal. It is kept here, keyed by referral,
-- so that the journey starts already withdrawn instead of running for a withdrawn referral.
create table bridge_early_withdrawals (
  referral_id uuid primary key,
  event_id uuid not null,
  reason_code text not null,
  withdrawn_at text not null,
  recorded_at timestamptz not null default now()
);

-- Down Migration

drop table bridge_early_withdrawals;
