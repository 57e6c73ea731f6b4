import { createSecretKey, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, parseKeyRing, seal } from '@ladder/crypto';
import { personMatchKey } from './person-matching.js';

describe('seal and open', () => {
  const key = createSecretKey(randomBytes(32));

  it('when sealed data is opened with the same key and context, then it comes back', () => {
    expect(open(key, seal(key, Buffer.from('QQ123456C'), 'p-1'), 'p-1').toString()).toBe(
      'QQ123456C',
    );
  });

  it('when the context differs (another participant), then opening fails', () => {
    expect(() => open(key, seal(key, Buffer.from('x'), 'p-1'), 'p-2')).toThrow();
  });

  it('when sealed, then the plaintext does not appear in the output', () => {
    expect(seal(key, Buffer.from('QQ123456C'), 'p-1').toString('latin1')).not.toContain(
      'QQ123456C',
    );
  });
});

describe('parseKeyRing', () => {
  it('when several keys are given, then the first wraps new data keys', () => {
    const a = randomBytes(32).toString('base64');
    const b = randomBytes(32).toString('base64');
    const ring = parseKeyRing(`k2:${a}, k1:${b}`);
    expect(ring.currentId).toBe('k2');
    expect([...ring.keys.keys()]).toEqual(['k2', 'k1']);
  });

  it('when a key is not 32 bytes, then it is refused', () => {
    expect(() => parseKeyRing('k1:c2hvcnQ=')).toThrow(/32 bytes/);
  });
});

describe('personMatchKey', () => {
  // A fixed key, so each key below is always the same text: a key is base64url, in which a
  // random matching key spelt "Sam" by chance in one CI run.
  const key = createSecretKey(Buffer.alloc(32, 7));
  const person = { givenName: 'Sam', familyName: 'Taylor', dateOfBirth: '2004-03-01' };

  it('when the NI number is written differently, then the same person matches', () => {
    expect(personMatchKey(key, { ...person, niNumber: 'qq 12 34 56 c' })).toBe(
      personMatchKey(key, { ...person, niNumber: 'QQ123456C' }),
    );
  });

  it('when there is no NI number, then name and date of birth match regardless of case and spacing', () => {
    expect(personMatchKey(key, { ...person, givenName: ' SAM ' })).toBe(
      personMatchKey(key, person),
    );
    expect(personMatchKey(key, { ...person, dateOfBirth: '2004-03-02' })).not.toBe(
      personMatchKey(key, person),
    );
  });

  it('when hashed, then neither the NI number nor the name appears', () => {
    const byNiNumber = personMatchKey(key, { ...person, niNumber: 'QQ123456C' });
    const byName = personMatchKey(key, person);
    expect(byNiNumber).not.toMatch(/QQ123456C|Sam|Taylor|2004/i);
    expect(byName).not.toMatch(/QQ123456C|Sam|Taylor|2004/i);
  });
});
