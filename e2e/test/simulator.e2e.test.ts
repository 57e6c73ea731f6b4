import { beforeAll, describe, expect, it } from 'vitest';
import { connectTo, type Ladder } from '../src/actors/ladder.js';
import { loadProfile } from '../src/simulator/profile.js';
import { simulate } from '../src/simulator/simulate.js';
import { formatComparison } from '../src/simulator/table.js';
import { theSystem } from '../src/system/the-system.js';

/**
 * The short version of `npm run simulate`: a small cohort of the BLMK profile through the running
 * system; the ops outcome report and every referrer's view must be what the simulator did.
 */
describe('the cohort simulator, end to end', () => {
  let ladder: Ladder;

  beforeAll(async () => {
    ladder = connectTo(await theSystem());
  });

  it('when a seeded cohort takes its routes through the public APIs, then the ops report and the referrers’ views match what the simulator did', async () => {
    const result = await simulate(ladder, {
      profile: loadProfile('blmk'),
      people: 24,
      seed: 2027,
      concurrency: 6,
    });
    expect(result.comparison.failures).toEqual([]);
    expect(result.comparison.mismatches, formatComparison(result.comparison)).toBe(0);
    // The cohort went somewhere: more than one ending, and someone was hired.
    const total = result.comparison.rows.find((r) => r.measure === 'outcome' && r.code === 'hired');
    expect(total?.cells[0]?.system).toBeGreaterThan(0);
  });
});
