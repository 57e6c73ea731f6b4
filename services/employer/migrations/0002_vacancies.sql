-- Up Migration

-- An entry-level vacancy at one of the employer's sites.
create table vacancies (
  id uuid primary key,
  employer_organisation_id text not null,
  site_id uuid not null references sites (id),
  role text not null,
  band text not null,
  hours_per_week int not null check (hours_per_week > 0),
  posts int not null check (posts > 0),
  closes_on date not null,
  created_at timestamptz not null default now()
);
create index vacancies_by_employer on vacancies (employer_organisation_id, created_at);

-- Down Migration
drop table vacancies;
