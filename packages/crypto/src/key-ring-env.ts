import { z } from 'zod';
import { parseKeyRing, type KeyRing } from './key-ring.js';

/**
 * A key ring in a service's env schema (`<id>:<32 bytes base64>[,...]`, newest first): a bad one
 * fails at boot with a message naming the variable, never the key.
 */
export const keyRingEnv = (): z.ZodType<KeyRing, string> =>
  z
    .string()
    .min(1)
    .transform((spec, ctx) => {
      try {
        return parseKeyRing(spec);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
