import { readFileSync } from 'node:fs';
import type { SystemAppName } from '@ladder/infra';

/** Where a running system answers: what a test file or the simulator needs to reach it. */
export interface SystemDescription {
  urls: Record<SystemAppName, string>;
  /** The ops service's development OpenID provider. */
  devSignInUrl: string;
  /** The demo organisations' keys (`npm start`'s demo data, made afresh for this system). */
  credentialsFile: string;
  /** Each deployable's log, `<app name>.log`: where to look when a journey does not arrive. */
  logDir: string;
}

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
