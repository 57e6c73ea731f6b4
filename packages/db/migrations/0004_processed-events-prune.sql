-- Up Migration

-- Consumer runners prune their group's records of handled events once the topics no longer keep
-- those events (pruneProcessed): this index finds a group's oldest records without reading the
-- rest. processed_at only grows, so each insert adds its entry at the index's end.
create index ladder_processed_events_age on ladder_processed_events (consumer_group, processed_at);

-- Down Migration
drop index ladder_processed_events_age;
