-- Up Migration

-- The programme's deadline rules, kept from ProgrammeRulesPublished with its training settings
-- (the copy is shared with the employer service through @ladder/programme-copy). Null until the
-- programme is published again.
alter table programmes add column deadlines jsonb;

-- Down Migration
alter table programmes drop column deadlines;
