import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from './paths.js';

/** Keys the local system needs, made once per checkout and kept in `.ladder/secrets.json`. */
export interface LocalSecrets {
  masterKeys: string;
  matchingKey: string;
  codecKeys: string;
  codecToken: string;
  /** The referral and ops services' key ring for reporting profiles. */
  reportingKeys: string;
}

const key = (): string => randomBytes(32).toString('base64');

/** Each secret, made new. */
const made: { [K in keyof LocalSecrets]: () => string } = {
  masterKeys: () => `local-1:${key()}`,
  matchingKey: key,
  codecKeys: () => `local-1:${key()}`,
  codecToken: () => randomBytes(24).toString('base64url'),
  reportingKeys: () => `local-1:${key()}`,
};

/** The checkout's secrets; one a newer version needs that the file lacks is made and kept too. */
export function localSecrets(): LocalSecrets {
  const file = join(stateDir(), 'secrets.json');
  const kept = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>)
    : {};
  const missing = (Object.keys(made) as (keyof LocalSecrets)[]).filter((k) => !kept[k]);
  if (missing.length === 0) return kept as LocalSecrets;
  const secrets = { ...kept } as LocalSecrets;
  for (const name of missing) secrets[name] = made[name]();
  mkdirSync(stateDir(), { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
