import { z } from 'zod';
import { ConfigError } from '@ladder/config';

/**
 * The API key ops calls the training and employer services with for a programme operator's
 * staff (the operator's own key: those services judge the operator, never ops), or undefined when
 * ops holds none for that operator.
 */
export type OperatorKeys = (operatorOrganisationId: string) => string | undefined;

const operatorKeysSchema = z.record(z.string().min(1).max(100), z.string().min(8).max(500));

/**
 * The keys from their JSON (`{ "<operator id>": "<api key>" }`); a bad value fails at boot naming
 * the variable, never echoing a key.
 */
export function parseOperatorKeys(json: string | undefined, variable: string): OperatorKeys {
  if (json === undefined) return () => undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError([{ variable, message: 'not JSON' }]);
  }
  const keys = operatorKeysSchema.safeParse(parsed);
  if (!keys.success)
    throw new ConfigError([
      { variable, message: 'an object of operator organisation ids to API keys' },
    ]);
  const map = new Map(Object.entries(keys.data));
  return (operatorOrganisationId) => map.get(operatorOrganisationId);
}
