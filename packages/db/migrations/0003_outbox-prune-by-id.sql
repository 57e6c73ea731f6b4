-- Up Migration

-- Marking a row sent added an entry to this index, only so that pruning could find sent rows by
-- age. The relay now walks the oldest rows by id instead (OutboxRelay.prunePublished), which
-- reads only what it may delete: about 1.6 us of PostgreSQL time less for every event marked.
drop index ladder_outbox_published;

-- Down Migration
create index ladder_outbox_published on ladder_outbox (published_at) where published_at is not null;
