-- Up Migration

-- A failed delivery can be sent again on request. The log keeps how often that was asked and
-- when; `attempts` then counts the attempts since the last request, so the retry schedule runs
-- afresh.
alter table webhook_deliveries
  add column redeliveries int not null default 0,
  add column last_redelivery_at timestamptz;

-- Redelivering "every failed delivery since a time" reads a subscription's failed deliveries.
create index webhook_deliveries_failed on webhook_deliveries (subscription_id, created_at)
  where status = 'failed';

-- Down Migration

drop index webhook_deliveries_failed;
alter table webhook_deliveries drop column last_redelivery_at, drop column redeliveries;
