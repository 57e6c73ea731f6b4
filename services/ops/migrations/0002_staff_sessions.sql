-- Up Migration

-- A sign-in in progress: what the callback needs to finish the authorization code flow with PKCE.
-- The browser holds only the state (in a cookie bound to this row); the verifier never leaves here.
create table staff_sign_in (
  state text primary key,
  code_verifier text not null,
  nonce text not null,
  return_to text not null,
  created_at timestamptz not null default now()
);

-- A signed-in staff member. The cookie holds a random token; only its SHA-256 is stored, so a
-- copy of this table lets no one in. Signing out deletes the row.
create table staff_session (
  token_hash text primary key,
  subject text not null,
  display_name text not null,
  organisation_id text not null,
  role text not null,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index staff_session_expiry on staff_session (expires_at);

-- Down Migration

drop table staff_session;
drop table staff_sign_in;
