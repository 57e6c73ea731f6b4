import { createHmac, type KeyObject } from 'node:crypto';

/**
 * A keyed hash that finds the same person again without storing who they are: the NI number when
 * there is one, otherwise name and date of birth. The key (config `MATCHING_KEY`) keeps the hash
 * from being reversed by trying every NI number. A KeyObject, as for `seal` (see there).
 */
export function personMatchKey(
  key: KeyObject,
  person: {
    niNumber?: string | undefined;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
  },
): string {
  const hmac = (value: string): string =>
    createHmac('sha256', key).update(value).digest('base64url');
  if (person.niNumber) return `ni:${hmac(person.niNumber.replace(/\s+/g, '').toUpperCase())}`;
  const normal = (part: string): string =>
    part.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const name = `${normal(person.givenName)}|${normal(person.familyName)}`;
  return `nd:${hmac(`${name}|${person.dateOfBirth}`)}`;
}
