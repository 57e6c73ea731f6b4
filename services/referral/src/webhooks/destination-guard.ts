import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * Where Ladder may send a referrer's webhooks. A referrer chooses the URL, so without this a
 * referrer could make Ladder call into Ladder's own network (server-side request forgery): the
 * cloud metadata address, the database, an admin port.
 */
export interface DestinationPolicy {
  /** Plain http is refused unless this is set (local development and tests). */
  allowHttp: boolean;
  /**
   * Hosts (`host` or `host:port`) exempt from the address checks, for a receiver on the
   * developer's own machine. Explicit configuration only; empty in production.
   */
  allowedPrivateHosts: ReadonlySet<string>;
  /** How names are resolved at registration and before delivery; the system's resolver by default. */
  resolve?: ResolveAll;
}

/** The address classes Ladder refuses to call (every range but ordinary public unicast). */
export type RefusedAddressClass =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade-nat'
  | 'multicast'
  | 'unique-local'
  | 'unspecified'
  | 'reserved';

const classOfRange: Record<string, RefusedAddressClass> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade-nat',
  multicast: 'multicast',
  broadcast: 'multicast',
  uniqueLocal: 'unique-local',
  unspecified: 'unspecified',
};

/** `undefined` for a public unicast address; otherwise the class that makes it refused. */
export function refusedClassOf(address: string): RefusedAddressClass | undefined {
  if (!ipaddr.isValid(address)) return 'reserved';
  let parsed = ipaddr.parse(address);
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address inside.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  return classOfRange[range] ?? 'reserved';
}

export type DestinationCheck =
  | { ok: true }
  | { ok: false; reason: 'not-https' | RefusedAddressClass | 'unresolvable'; message: string };

export type ResolveAll = (hostname: string) => Promise<string[]>;

export const resolveAll: ResolveAll = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

const bareHost = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

function isExempt(url: URL, policy: DestinationPolicy): boolean {
  const host = bareHost(url);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return policy.allowedPrivateHosts.has(host) || policy.allowedPrivateHosts.has(`${host}:${port}`);
}

/** Refuses an address of a refused class, unless its host is exempt by configuration. */
export function checkAddress(
  url: URL,
  address: string,
  policy: DestinationPolicy,
): DestinationCheck {
  if (isExempt(url, policy)) return { ok: true };
  const refused = refusedClassOf(address);
  return refused === undefined
    ? { ok: true }
    : { ok: false, reason: refused, message: `the URL's host resolves to a ${refused} address` };
}

/**
 * Checks a webhook URL: https (unless http is allowed), and every address its host resolves to
 * public. Run at registration and again before each delivery; the delivery's own connection is
 * checked too (`guardedLookup`), so a name that changes its answer in between does not get through.
 */
export async function checkDestination(
  url: URL,
  policy: DestinationPolicy,
): Promise<DestinationCheck> {
  const resolve = policy.resolve ?? resolveAll;
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:'))
    return { ok: false, reason: 'not-https', message: 'must be an https URL' };
  const host = bareHost(url);
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : await resolve(host);
  } catch {
    return { ok: false, reason: 'unresolvable', message: "the URL's host does not resolve" };
  }
  if (addresses.length === 0)
    return { ok: false, reason: 'unresolvable', message: "the URL's host does not resolve" };
  for (const address of addresses) {
    const check = checkAddress(url, address, policy);
    if (!check.ok) return check;
  }
  return { ok: true };
}
