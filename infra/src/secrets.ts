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
}

export function localSecrets(): LocalSecrets {
  const file = join(stateDir(), 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const key = (): string => randomBytes(32).toString('base64');
  const secrets: LocalSecrets = {
    masterKeys: `local-1:${key()}`,
    matchingKey: key(),
    codecKeys: `local-1:${key()}`,
    codecToken: randomBytes(24).toString('base64url'),
  };
  mkdirSync(stateDir(), { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
