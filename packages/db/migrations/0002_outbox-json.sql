-- Up Migration

-- The relay sends an outbox row's payload and headers as they were written, and nothing queries
-- inside them in production: json keeps the text as written (checked, not converted), where
-- jsonb parsed it on every insert and printed it again on every read.
alter table ladder_outbox alter column headers drop default;
alter table ladder_outbox
  alter column payload type json using payload::json,
  alter column headers type json using headers::json;
alter table ladder_outbox alter column headers set default '{}';

-- Down Migration
alter table ladder_outbox alter column headers drop default;
alter table ladder_outbox
  alter column payload type jsonb using payload::jsonb,
  alter column headers type jsonb using headers::jsonb;
alter table ladder_outbox alter column headers set default '{}';
