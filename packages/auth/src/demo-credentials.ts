import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CredentialStore } from './credential-store.js';
import type { OrganisationKind } from './model.js';

/** `.ladder/demo-credentials.json`, which `npm start`'s demo data writes and readers use. */
export interface DemoCredentials {
  note?: string;
  organisations: {
    id: string;
    name: string;
    kind: string;
    apiKey: string;
    keyId: string;
    scopes: readonly string[];
  }[];
}

export interface DemoKeys {
  /**
   * The organisation's demo key with these scopes: the one already in the file while it still
   * works, else a new one (the organisation made first if it is not there).
   */
  readonly grant: (
    org: { id: string; name: string; kind: OrganisationKind },
    label: string,
    scopes: string[],
  ) => Promise<string>;
  /** Writes the file back (owner-only), with the keys granted since it was read. */
  readonly save: () => void;
}

/**
 * The demo credentials file as a service's demo data adds its keys to it. Keys are shown once by
 * design, so the file is where local demos find them; for local use only.
 */
export function openDemoCredentials(store: CredentialStore, file: string): DemoKeys {
  const saved: DemoCredentials = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials)
    : { organisations: [] };
  return {
    async grant(org, label, granted) {
      const existing = saved.organisations.find(
        (o) => o.id === org.id && granted.every((s) => o.scopes.includes(s)),
      );
      if (existing && (await store.authenticateApiKey(existing.apiKey))) return existing.apiKey;
      if (!(await store.getOrganisation(org.id))) await store.createOrganisation(org);
      const { keyId, apiKey } = await store.createApiKey({
        organisationId: org.id,
        scopes: granted,
        label,
      });
      saved.organisations.push({
        ...org,
        name: `${org.name} (${label})`,
        apiKey,
        keyId,
        scopes: granted,
      });
      return apiKey;
    },
    save() {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
    },
  };
}
