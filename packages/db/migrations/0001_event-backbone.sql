-- Up Migration

-- The transactional outbox: a service writes its state change and its events in one transaction;
-- the relay (packages/kafka) publishes them to Kafka and marks them sent.
create table ladder_outbox (
  id bigint generated always as identity primary key,
  event_id uuid not null unique,
  topic text not null,
  message_key text not null,
  -- A key always falls in the same bucket; a relay holds a bucket's lock while it publishes, so
  -- several relays share the work without reordering any key's events.
  bucket smallint not null generated always as (hashtext(message_key) & 15) stored,
  headers jsonb not null default '{}',
  payload jsonb not null,
  created_at timestamptz not null default clock_timestamp(),
  -- The writing transaction: the relay publishes a row only once every older transaction has
  -- ended, so a later row of a key can never overtake an earlier one that commits late.
  tx_id xid8 not null default pg_current_xact_id(),
  published_at timestamptz
);

create index ladder_outbox_unpublished on ladder_outbox (bucket, id) where published_at is null;
create index ladder_outbox_published on ladder_outbox (published_at) where published_at is not null;

-- Wakes relays at once instead of waiting for their next poll.
create function ladder_outbox_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('ladder_outbox', '');
  return null;
end;
$$;

create trigger ladder_outbox_notify after insert on ladder_outbox
  for each statement execute function ladder_outbox_notify();

-- Events a consumer group has handled, written in the handler's own transaction: a second
-- delivery of the same event finds its id here and does nothing.
create table ladder_processed_events (
  consumer_group text not null,
  event_id uuid not null,
  processed_at timestamptz not null default now(),
  primary key (consumer_group, event_id)
);

-- Down Migration
drop table ladder_processed_events;
drop trigger ladder_outbox_notify on ladder_outbox;
drop function ladder_outbox_notify();
drop table ladder_outbox;
