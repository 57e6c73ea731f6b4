import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseKeyRing, sealWithRing } from '@ladder/crypto';
import { reportingProfileContext } from '@ladder/events';
import { priorityGroups } from '@ladder/vocabulary';
import { openReportingProfile, sealReportingProfile } from './sealed-profile.js';

const ring = (id = 'r1', key = randomBytes(32).toString('base64')) => parseKeyRing(`${id}:${key}`);

describe('a sealed reporting profile', () => {
  const referralId = randomUUID();

  it('when sealed and opened with the same keys, then it comes back as it was', () => {
    const keys = ring();
    const profile = { area: 'LU', priorityGroups: ['neet', 'send'] as const };
    const sealed = sealReportingProfile(keys, referralId, {
      area: profile.area,
      priorityGroups: [...profile.priorityGroups],
    });
    expect(sealed.keyId).toBe('r1');
    expect(openReportingProfile(keys, { referralId, profile: sealed })).toEqual({
      area: 'LU',
      priorityGroups: ['neet', 'send'],
    });
  });

  it('when profiles hold no group or every group, then they seal to the same length, with nothing readable', () => {
    const keys = ring();
    const none = sealReportingProfile(keys, referralId, { area: 'B', priorityGroups: [] });
    const all = sealReportingProfile(keys, referralId, {
      area: 'MK',
      priorityGroups: [...priorityGroups],
    });
    expect(all.sealed.length).toBe(none.sealed.length);
    expect(Buffer.from(all.sealed, 'base64').toString('latin1')).not.toContain('neurodivergent');
  });

  it('when opened as another referral’s or with another key, then it does not open', () => {
    const keys = ring();
    const sealed = sealReportingProfile(keys, referralId, { area: 'LU', priorityGroups: ['neet'] });
    expect(() =>
      openReportingProfile(keys, { referralId: randomUUID(), profile: sealed }),
    ).toThrow();
    expect(() => openReportingProfile(ring('r2'), { referralId, profile: sealed })).toThrow(/"r1"/);
  });

  it('when what was sealed is not a profile, then opening fails without showing it', () => {
    const keys = ring();
    const { keyId, sealed } = sealWithRing(
      keys,
      Buffer.from(JSON.stringify({ area: 'Luton 12', priorityGroups: ['neet'] })),
      reportingProfileContext(referralId),
    );
    const open = () =>
      openReportingProfile(keys, {
        referralId,
        profile: { keyId, sealed: sealed.toString('base64') },
      });
    expect(open).toThrow(/is not one/);
    expect(open).not.toThrow(/Luton/);
  });

  it('when a profile names a postcode district instead of an area, then it is not sealed', () => {
    expect(() =>
      sealReportingProfile(ring(), referralId, { area: 'LU1', priorityGroups: [] }),
    ).toThrow();
  });
});
