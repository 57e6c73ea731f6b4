-- Up Migration

-- Idempotency-Key records, per organisation, kept at least a week. The first response is replayed.
-- `if not exists`: the referral service made this table in its own first migration before the
-- mechanism became a shared package, so its existing databases already have it.
create table if not exists idempotency_keys (
  organisation_id text not null,
  idempotency_key text not null,
  request_hash text not null,
  response_status int not null,
  response_body jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (organisation_id, idempotency_key)
);
create index if not exists idempotency_keys_expiry on idempotency_keys (expires_at);

-- Down Migration
drop table idempotency_keys;
