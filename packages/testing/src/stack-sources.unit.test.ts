import { describe, expect, it } from 'vitest';
import { externalEndpoints, provideStack } from './stack-sources.js';

describe('externalEndpoints', () => {
  it('when no server is named by env, then none is external', () => {
    expect(externalEndpoints({})).toEqual({});
  });

  it('when servers are named by env, then they are used as given', () => {
    expect(
      externalEndpoints({
        LADDER_TEST_POSTGRES_URL: 'postgres://u@db.internal:5432/postgres',
        LADDER_TEST_KAFKA_BROKERS: 'k1:9092, k2:9092',
        LADDER_TEST_TEMPORAL_ADDRESS: 'temporal:7233',
      }),
    ).toEqual({
      postgres: { url: 'postgres://u@db.internal:5432/postgres' },
      kafka: { brokers: ['k1:9092', 'k2:9092'] },
      temporal: { address: 'temporal:7233', namespace: 'default' },
    });
  });
});

describe('provideStack', () => {
  it('when every server is external, then nothing is started and each is reported as external', async () => {
    const stack = await provideStack({
      LADDER_TEST_POSTGRES_URL: 'postgres://u@h/p',
      LADDER_TEST_KAFKA_BROKERS: 'k:9092',
      LADDER_TEST_TEMPORAL_ADDRESS: 't:7233',
      LADDER_TEST_TEMPORAL_NAMESPACE: 'ladder',
    });
    expect(stack.sources).toEqual({
      postgres: 'external',
      kafka: 'external',
      temporal: 'external',
    });
    expect(stack.endpoints.temporal).toEqual({ address: 't:7233', namespace: 'ladder' });
    await stack.stop();
  });

  it('when LADDER_TEST_STACK is not a known mode, then it fails naming the variable', async () => {
    await expect(provideStack({ LADDER_TEST_STACK: 'cloud' })).rejects.toThrow(/LADDER_TEST_STACK/);
  });
});
