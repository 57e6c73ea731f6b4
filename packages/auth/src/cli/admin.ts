/**
 * Manage organisations and credentials:  npm run admin -- <command>
 *
 *   org create --name <name> --kind <job-centre|training-provider|employer|programme-operator> [--id <id>]
 *   org list
 *   key create --org <id> --scopes <a,b> [--label <text>]   prints the key once
 *   key list --org <id>
 *   key rotate <key-id>                                   prints the new key once; the old one stops working
 *   key revoke <key-id>
 *   oauth-client register --client-id <id> --org <id> --scopes <a,b>
 *
 * The identity database comes from IDENTITY_DATABASE_URL.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { env, parseConfig } from '@ladder/config';
import { createPool } from '@ladder/db';
import { CredentialStore } from '../credential-store.js';
import { migrateIdentity } from '../migrate-identity.js';
import { allScopes, organisationKinds, type OrganisationKind } from '../model.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    kind: { type: 'string' },
    id: { type: 'string' },
    org: { type: 'string' },
    scopes: { type: 'string' },
    label: { type: 'string' },
    'client-id': { type: 'string' },
  },
});

function required(name: keyof typeof values): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required`);
  return value;
}

const scopeList = (): string[] =>
  required('scopes')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function run(store: CredentialStore, [area, action, arg]: string[]): Promise<string> {
  switch (`${area} ${action}`) {
    case 'org create': {
      const kind = required('kind');
      if (!(organisationKinds as readonly string[]).includes(kind))
        throw new Error(`--kind must be one of ${organisationKinds.join(', ')}`);
      const org = await store.createOrganisation({
        name: required('name'),
        kind: kind as OrganisationKind,
        ...(values.id ? { id: values.id } : {}),
      });
      return `created ${org.id} (${org.kind}) ${org.name}`;
    }
    case 'org list':
      return (
        (await store.listOrganisations()).map((o) => `${o.id}\t${o.kind}\t${o.name}`).join('\n') ||
        'no organisations'
      );
    case 'key create': {
      const key = await store.createApiKey({
        organisationId: required('org'),
        scopes: scopeList(),
        label: values.label ?? '',
      });
      return `key ${key.keyId} created. Store it now; it is never shown again:\n${key.apiKey}`;
    }
    case 'key list':
      return (
        (await store.listApiKeys(required('org')))
          .map(
            (k) =>
              `${k.keyId}\t${k.revokedAt ? `revoked ${k.revokedAt}` : 'active'}\t${k.scopes.join(',')}\t${k.label}`,
          )
          .join('\n') || 'no keys'
      );
    case 'key rotate': {
      if (!arg) throw new Error('key rotate needs a key id');
      const key = await store.rotateApiKey(arg);
      return `key ${arg} revoked; new key ${key.keyId}. Store it now; it is never shown again:\n${key.apiKey}`;
    }
    case 'key revoke':
      if (!arg) throw new Error('key revoke needs a key id');
      return (await store.revokeApiKey(arg)) ? `key ${arg} revoked` : `no active key ${arg}`;
    case 'oauth-client register':
      await store.registerOAuthClient({
        clientId: required('client-id'),
        organisationId: required('org'),
        scopes: scopeList(),
      });
      return `client ${values['client-id']} acts for ${values.org}`;
    default:
      throw new Error(
        `unknown command "${positionals.join(' ')}"; see the top of packages/auth/src/cli/admin.ts. Scopes: ${allScopes.join(', ')}`,
      );
  }
}

try {
  const config = parseConfig(z.object({ IDENTITY_DATABASE_URL: env.postgresUrl() }));
  await migrateIdentity(config.IDENTITY_DATABASE_URL);
  const pool = createPool(config.IDENTITY_DATABASE_URL, { max: 1 });
  try {
    process.stdout.write(`${await run(new CredentialStore(pool), positionals)}\n`);
  } finally {
    await pool.end();
  }
} catch (error) {
  process.stderr.write(`admin: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
