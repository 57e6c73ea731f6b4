import { writeFileSync } from 'node:fs';
import { openDemoCredentials, scopes, type CredentialStore } from '@ladder/auth';

/** This service's own organisation: its key reads participants' consented view. */
const service = {
  id: 'org-ladder-ops-service',
  name: 'Ladder ops service',
  kind: 'programme-operator',
} as const;

/**
 * The keys ops needs under `npm start`, added to the demo credentials file: its own for the
 * consented view (written to `viewKeyFile`), and for each demo operator a key of that operator
 * with the training and employment scopes, which ops calls those services with for the operator's
 * staff (written to `operatorKeysFile` as the JSON `OPERATOR_API_KEYS_FILE` reads). A second run
 * keeps the keys that still work.
 */
export async function grantOpsDemoKeys(deps: {
  store: CredentialStore;
  credentialsFile: string;
  viewKeyFile: string;
  operatorKeysFile: string;
  operatorIds: readonly string[];
}): Promise<{ operators: number }> {
  const keys = openDemoCredentials(deps.store, deps.credentialsFile);
  const viewKey = await keys.grant(service, 'participant view', [scopes.participantsView]);
  const operatorKeys: Record<string, string> = {};
  for (const id of new Set(deps.operatorIds)) {
    const operator = await deps.store.getOrganisation(id);
    // The referral service's demo data makes the operators; one it did not make has no journeys.
    if (operator?.kind !== 'programme-operator') continue;
    operatorKeys[id] = await keys.grant(
      { id, name: operator.name, kind: 'programme-operator' },
      'ops actions',
      [scopes.trainingRead, scopes.trainingWrite, scopes.employmentRead, scopes.employmentWrite],
    );
  }
  keys.save();
  writeFileSync(deps.viewKeyFile, `${viewKey}\n`, { mode: 0o600 });
  writeFileSync(deps.operatorKeysFile, `${JSON.stringify(operatorKeys)}\n`, { mode: 0o600 });
  return { operators: Object.keys(operatorKeys).length };
}
