-- Up Migration

-- What follows an unconditional offer, one row per offer (the offer id is the reference of
-- everything after it): the agreed first day, the start in post, and leaving it. `agreed` until
-- the start is confirmed; `in-post` from then; `sustained` once the 26-week mark is confirmed;
-- `left` when the person left before that (with the day and a reason code).
create table employments (
  offer_id uuid primary key references offers (id),
  starts_on date not null,
  started_on date,
  status text not null check (status in ('agreed', 'in-post', 'left', 'sustained')),
  left_on date,
  reason_code text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'agreed') = (started_on is null)),
  check ((status = 'left') = (left_on is not null and reason_code is not null)),
  check (left_on is null or left_on >= started_on)
);

-- The 13- and 26-week confirmations the employer is asked for, created with the start in post.
-- `pending` until its mark; `due` once SustainmentDue is published (answer by answer_due_at; past
-- it the task is overdue and the journey chases it); `confirmed` or `left` when answered;
-- `cancelled` when the person left before it was answered. An "in post" answer given before the
-- mark is kept in early_answer and published when the mark is reached, never early.
create table sustainment_tasks (
  offer_id uuid not null references employments (offer_id),
  weeks int not null check (weeks in (13, 26)),
  mark_at timestamptz not null,
  answer_due_at timestamptz not null check (answer_due_at > mark_at),
  status text not null check (status in ('pending', 'due', 'confirmed', 'left', 'cancelled')),
  early_answer text check (early_answer in ('in-post')),
  answered_at timestamptz,
  published_due_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (offer_id, weeks)
);
-- The due job finds the tasks whose mark has come without scanning the table.
create index sustainment_tasks_awaiting_mark on sustainment_tasks (mark_at) where status = 'pending';
-- An employer's or operator's task list pages in mark order.
create index sustainment_tasks_by_mark on sustainment_tasks (mark_at, offer_id, weeks);

-- Down Migration
drop table sustainment_tasks;
drop table employments;
