import type { Pool } from '@ladder/db';
import { hashSecret, newApiKey, parseApiKey, secretMatches } from './api-key.js';
import { allScopes, type Caller, type OrganisationKind } from './model.js';

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  createdAt: string;
}

export interface ApiKeyInfo {
  keyId: string;
  organisationId: string;
  scopes: string[];
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

interface CachedKey {
  hash: Buffer;
  caller: Caller;
  until: number;
}

/** How long a verified key is trusted without asking the database: revocation takes effect within it. */
export const keyCacheMs = 30_000;
const maxCachedKeys = 10_000;

function checkScopes(requested: readonly string[]): void {
  const unknown = requested.filter((s) => !allScopes.includes(s));
  if (unknown.length > 0)
    throw new Error(`unknown scopes: ${unknown.join(', ')} (known: ${allScopes.join(', ')})`);
}

/** Organisations, API keys and OAuth clients, in the identity database. */
export class CredentialStore {
  private readonly cache = new Map<string, CachedKey>();

  constructor(private readonly pool: Pool) {}

  async createOrganisation(o: {
    name: string;
    kind: OrganisationKind;
    id?: string;
  }): Promise<Organisation> {
    const id = o.id ?? `org-${crypto.randomUUID()}`;
    const { rows } = await this.pool.query<{
      id: string;
      name: string;
      kind: OrganisationKind;
      created_at: Date;
    }>('insert into organisations (id, name, kind) values ($1, $2, $3) returning *', [
      id,
      o.name,
      o.kind,
    ]);
    const row = rows[0]!;
    return { id: row.id, name: row.name, kind: row.kind, createdAt: row.created_at.toISOString() };
  }

  async getOrganisation(id: string): Promise<Organisation | undefined> {
    return (await this.listOrganisations(id))[0];
  }

  async listOrganisations(id?: string): Promise<Organisation[]> {
    const { rows } = await this.pool.query<{
      id: string;
      name: string;
      kind: OrganisationKind;
      created_at: Date;
    }>('select * from organisations where $1::text is null or id = $1 order by name', [id ?? null]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** Makes a key; the returned `apiKey` is the only time the secret is ever seen. */
  async createApiKey(k: {
    organisationId: string;
    scopes: readonly string[];
    label?: string;
  }): Promise<{ keyId: string; apiKey: string }> {
    checkScopes(k.scopes);
    if (!(await this.getOrganisation(k.organisationId)))
      throw new Error(`no organisation ${k.organisationId}`);
    const { keyId, secret, apiKey } = newApiKey();
    await this.pool.query(
      'insert into api_keys (id, organisation_id, secret_sha256, scopes, label) values ($1, $2, $3, $4, $5)',
      [keyId, k.organisationId, hashSecret(secret), k.scopes, k.label ?? ''],
    );
    return { keyId, apiKey };
  }

  /** A new key with the same organisation and scopes; the old one is revoked at once. */
  async rotateApiKey(keyId: string): Promise<{ keyId: string; apiKey: string }> {
    const old = (
      await this.pool.query<{
        organisation_id: string;
        scopes: string[];
        label: string;
        revoked_at: Date | null;
      }>('select * from api_keys where id = $1', [keyId])
    ).rows[0];
    if (!old || old.revoked_at) throw new Error(`no active key ${keyId}`);
    const next = await this.createApiKey({
      organisationId: old.organisation_id,
      scopes: old.scopes,
      label: old.label,
    });
    await this.pool.query(
      'update api_keys set revoked_at = now(), replaced_by = $2 where id = $1',
      [keyId, next.keyId],
    );
    this.cache.delete(keyId);
    return next;
  }

  async revokeApiKey(keyId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'update api_keys set revoked_at = now() where id = $1 and revoked_at is null',
      [keyId],
    );
    this.cache.delete(keyId);
    return rowCount === 1;
  }

  async listApiKeys(organisationId: string): Promise<ApiKeyInfo[]> {
    const { rows } = await this.pool.query<{
      id: string;
      organisation_id: string;
      scopes: string[];
      label: string;
      created_at: Date;
      revoked_at: Date | null;
    }>(
      'select id, organisation_id, scopes, label, created_at, revoked_at from api_keys where organisation_id = $1 order by created_at',
      [organisationId],
    );
    return rows.map((r) => ({
      keyId: r.id,
      organisationId: r.organisation_id,
      scopes: r.scopes,
      label: r.label,
      createdAt: r.created_at.toISOString(),
      revokedAt: r.revoked_at?.toISOString() ?? null,
    }));
  }

  /** The caller a presented key stands for, or undefined if it is malformed, unknown or revoked. */
  async authenticateApiKey(presented: string): Promise<Caller | undefined> {
    const parsed = parseApiKey(presented);
    if (!parsed) return undefined;
    const cached = this.cache.get(parsed.keyId);
    if (cached && cached.until > Date.now())
      return secretMatches(parsed.secret, cached.hash) ? cached.caller : undefined;
    const { rows } = await this.pool.query<{
      secret_sha256: Buffer;
      scopes: string[];
      organisation_id: string;
      kind: OrganisationKind;
    }>(
      `select k.secret_sha256, k.scopes, k.organisation_id, o.kind from api_keys k join organisations o on o.id = k.organisation_id
       where k.id = $1 and k.revoked_at is null`,
      [parsed.keyId],
    );
    const row = rows[0];
    if (!row || !secretMatches(parsed.secret, row.secret_sha256)) return undefined;
    const caller: Caller = {
      organisationId: row.organisation_id,
      organisationKind: row.kind,
      scopes: row.scopes,
      credential: { type: 'api-key', id: parsed.keyId },
    };
    if (this.cache.size >= maxCachedKeys) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(parsed.keyId, {
      hash: row.secret_sha256,
      caller,
      until: Date.now() + keyCacheMs,
    });
    return caller;
  }

  async registerOAuthClient(c: {
    clientId: string;
    organisationId: string;
    scopes: readonly string[];
  }): Promise<void> {
    checkScopes(c.scopes);
    await this.pool.query(
      `insert into oauth_clients (client_id, organisation_id, scopes) values ($1, $2, $3)
       on conflict (client_id) do update set organisation_id = excluded.organisation_id, scopes = excluded.scopes`,
      [c.clientId, c.organisationId, c.scopes],
    );
  }

  /** Maps verified JWT claims to a caller: the client must be registered; scopes are the intersection. */
  async callerForJwtClaims(claims: {
    client_id?: unknown;
    azp?: unknown;
    sub?: unknown;
    scope?: unknown;
  }): Promise<Caller | undefined> {
    const clientId = [claims.client_id, claims.azp, claims.sub].find(
      (c): c is string => typeof c === 'string',
    );
    if (!clientId) return undefined;
    const { rows } = await this.pool.query<{
      organisation_id: string;
      scopes: string[];
      kind: OrganisationKind;
    }>(
      'select c.organisation_id, c.scopes, o.kind from oauth_clients c join organisations o on o.id = c.organisation_id where c.client_id = $1',
      [clientId],
    );
    const row = rows[0];
    if (!row) return undefined;
    const requested =
      typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
    return {
      organisationId: row.organisation_id,
      organisationKind: row.kind,
      scopes: requested.filter((s) => row.scopes.includes(s)),
      credential: { type: 'jwt', id: clientId },
    };
  }
}
