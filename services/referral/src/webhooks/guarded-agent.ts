import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent } from 'undici';
import { refusedClassOf, type DestinationPolicy } from './destination-guard.js';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * An HTTP agent whose connections resolve names through the destination policy: the address a
 * delivery connects to is the one that was checked, so a name that answers with a public address
 * at the check and a private one at the connection (DNS rebinding) is refused. It follows no
 * redirects (undici's `request` never does).
 */
export function guardedAgent(policy: DestinationPolicy): Agent {
  const exemptHosts = new Set([...policy.allowedPrivateHosts].map((h) => h.replace(/:\d+$/, '')));
  const guardedLookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = exemptHosts.has(hostname)
        ? undefined
        : addresses.map((a) => refusedClassOf(a.address)).find((c) => c !== undefined);
      if (refused) {
        const refusal: NodeJS.ErrnoException = new Error(
          `refused: the host resolves to a ${refused} address`,
        );
        refusal.code = 'ELADDERREFUSED';
        return callback(refusal, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
  return new Agent({ connect: { lookup: guardedLookup } });
}
