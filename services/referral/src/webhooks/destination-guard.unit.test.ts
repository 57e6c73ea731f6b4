import { describe, expect, it } from 'vitest';
import { checkDestination, refusedClassOf, type DestinationPolicy } from './destination-guard.js';

const strict: DestinationPolicy = { allowHttp: false, allowedPrivateHosts: new Set() };
const resolvesTo =
  (...addresses: string[]) =>
  (): Promise<string[]> =>
    Promise.resolve(addresses);

describe('refusedClassOf', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'multicast'],
    ['ff02::1', 'multicast'],
    ['fd00::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['240.0.0.1', 'reserved'],
  ])('when the address is %s, then it is refused as %s', (address, refused) => {
    expect(refusedClassOf(address)).toBe(refused);
  });

  it.each(['8.8.8.8', '151.101.0.81', '2a00:1450:4009:81a::200e'])(
    'when the address is the public %s, then it is allowed',
    (address) => {
      expect(refusedClassOf(address)).toBeUndefined();
    },
  );
});

describe('checkDestination', () => {
  it('when the URL is plain http and http is not allowed, then it is refused', async () => {
    const check = await checkDestination(new URL('http://example.org/hook'), {
      ...strict,
      resolve: resolvesTo('93.184.215.14'),
    });
    expect(check).toMatchObject({ ok: false, reason: 'not-https' });
  });

  it('when the URL names a private address literally, then it is refused without a lookup', async () => {
    const resolve = (): Promise<string[]> => Promise.reject(new Error('must not look up'));
    expect(
      await checkDestination(new URL('https://10.0.0.5/hook'), { ...strict, resolve }),
    ).toMatchObject({ ok: false, reason: 'private' });
    expect(
      await checkDestination(new URL('https://[::1]:8443/hook'), { ...strict, resolve }),
    ).toMatchObject({
      ok: false,
      reason: 'loopback',
    });
  });

  it('when a name resolves to a public and a private address, then it is refused', async () => {
    const check = await checkDestination(new URL('https://hooks.example.org/ladder'), {
      ...strict,
      resolve: resolvesTo('93.184.215.14', '192.168.0.7'),
    });
    expect(check).toMatchObject({ ok: false, reason: 'private' });
  });

  it('when a name resolves only to public addresses, then it is allowed', async () => {
    const check = await checkDestination(new URL('https://hooks.example.org/ladder'), {
      ...strict,
      resolve: resolvesTo('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'),
    });
    expect(check).toEqual({ ok: true });
  });

  it('when a name does not resolve, then it is refused as unresolvable', async () => {
    const resolve = (): Promise<string[]> => Promise.reject(new Error('ENOTFOUND'));
    expect(
      await checkDestination(new URL('https://nowhere.invalid/'), { ...strict, resolve }),
    ).toMatchObject({
      ok: false,
      reason: 'unresolvable',
    });
  });

  it('when a loopback host is on the explicit allow-list, then only that host and port pass', async () => {
    const local: DestinationPolicy = {
      allowHttp: true,
      allowedPrivateHosts: new Set(['127.0.0.1:4010']),
    };
    expect(await checkDestination(new URL('http://127.0.0.1:4010/hook'), local)).toEqual({
      ok: true,
    });
    expect(await checkDestination(new URL('http://127.0.0.1:5432/'), local)).toMatchObject({
      ok: false,
      reason: 'loopback',
    });
  });
});
