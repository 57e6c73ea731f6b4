import { KafkaContainer } from '@testcontainers/kafka';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { searchAttributes, type ServerName, type StackEndpoints } from '@ladder/infra';

// Official images at the versions the local stack runs (see infra/README.md).
const images = {
  postgres: 'postgres:15-alpine',
  // testcontainers' Kafka module drives Confluent's image (Kafka 3.9 in KRaft mode).
  kafka: 'confluentinc/cp-kafka:7.9.0',
  temporal: 'temporalio/temporal:1.5.1',
};

/**
 * The same stack from testcontainers, for machines with a Docker engine. Our own machines have
 * none, so this path is exercised only where Docker exists (see packages/testing/README.md).
 */
export async function startContainerStack(
  names: readonly ServerName[],
): Promise<{ endpoints: Partial<StackEndpoints>; stop(): Promise<void> }> {
  const started: StartedTestContainer[] = [];
  const endpoints: Partial<StackEndpoints> = {};
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((c) => c.stop()));
  };
  try {
    if (names.includes('postgres')) {
      const pg = await new PostgreSqlContainer(images.postgres)
        .withUsername('postgres')
        .withPassword('postgres')
        .start();
      started.push(pg);
      endpoints.postgres = { url: pg.getConnectionUri().replace(/\/[^/]*$/, '/postgres') };
    }
    if (names.includes('kafka')) {
      const kafka = await new KafkaContainer(images.kafka).withKraft().start();
      started.push(kafka);
      endpoints.kafka = { brokers: [`${kafka.getHost()}:${kafka.getMappedPort(9093)}`] };
    }
    if (names.includes('temporal')) {
      const attrs = Object.entries(searchAttributes).flatMap(([n, t]) => [
        '--search-attribute',
        `${n}=${t}`,
      ]);
      const temporal = await new GenericContainer(images.temporal)
        .withEntrypoint(['temporal'])
        .withCommand([
          'server',
          'start-dev',
          '--ip',
          '0.0.0.0',
          '--headless',
          '--namespace',
          'default',
          ...attrs,
        ])
        .withExposedPorts(7233)
        .withWaitStrategy(Wait.forListeningPorts())
        .start();
      started.push(temporal);
      endpoints.temporal = {
        address: `${temporal.getHost()}:${temporal.getMappedPort(7233)}`,
        namespace: 'default',
      };
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoints, stop };
}
