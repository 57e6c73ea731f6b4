-- Up Migration

create table organisations (
  id text primary key,
  name text not null,
  kind text not null check (kind in ('job-centre', 'training-provider', 'employer', 'programme-operator')),
  created_at timestamptz not null default now()
);

-- Only a SHA-256 of each key's secret is kept: the key itself is shown once, when it is made.
create table api_keys (
  id text primary key,
  organisation_id text not null references organisations (id),
  secret_sha256 bytea not null,
  scopes text[] not null,
  label text not null default '',
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  replaced_by text references api_keys (id)
);
create index api_keys_by_org on api_keys (organisation_id);

-- OAuth2 clients of an external identity provider, and the organisation each acts for.
create table oauth_clients (
  client_id text primary key,
  organisation_id text not null references organisations (id),
  scopes text[] not null,
  created_at timestamptz not null default now()
);

-- Down Migration
drop table oauth_clients;
drop table api_keys;
drop table organisations;
