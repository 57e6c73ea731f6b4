import { readFileSync } from 'node:fs';
import type { RunningSystem } from '@ladder/infra';

/**
 * Where a running system answers: what a test file or the simulator needs to reach it (the
 * addresses, the ops sign-in provider, the demo credentials file, the deployables' log folder).
 */
export type SystemDescription = Omit<RunningSystem, 'stop'>;

interface DemoCredential {
  id: string;
  apiKey: string;
  scopes: string[];
}

/**
 * The demo key of an organisation that carries a scope. The demo data gives an organisation one
 * key per service it uses (the referral service's, the training and employment ones), so the
 * scope says which.
 */
export function demoKey(system: SystemDescription, organisationId: string, scope: string): string {
  const { organisations } = JSON.parse(readFileSync(system.credentialsFile, 'utf8')) as {
    organisations: DemoCredential[];
  };
  const found = organisations.find((o) => o.id === organisationId && o.scopes.includes(scope));
  if (found === undefined)
    throw new Error(`the demo credentials have no key of ${organisationId} with ${scope}`);
  return found.apiKey;
}
