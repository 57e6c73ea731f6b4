import { existsSync } from 'node:fs';
import { startThrowawayStack, type ServerName, type StackEndpoints } from '@ladder/infra';

/** Where each server of a test run comes from; see packages/testing/README.md. */
export type StackSource = 'external' | 'local' | 'containers';

export interface ProvidedStack {
  endpoints: StackEndpoints;
  sources: Record<ServerName, StackSource>;
  stop(): Promise<void>;
}

/** Servers named by env are used as they are: CI against managed services, or a stack you run. */
export function externalEndpoints(env: NodeJS.ProcessEnv = process.env): Partial<StackEndpoints> {
  const found: Partial<StackEndpoints> = {};
  if (env.LADDER_TEST_POSTGRES_URL) found.postgres = { url: env.LADDER_TEST_POSTGRES_URL };
  if (env.LADDER_TEST_KAFKA_BROKERS) {
    found.kafka = { brokers: env.LADDER_TEST_KAFKA_BROKERS.split(',').map((b) => b.trim()) };
  }
  if (env.LADDER_TEST_TEMPORAL_ADDRESS) {
    found.temporal = {
      address: env.LADDER_TEST_TEMPORAL_ADDRESS,
      namespace: env.LADDER_TEST_TEMPORAL_NAMESPACE ?? 'default',
    };
  }
  return found;
}

async function dockerEngineAnswers(): Promise<boolean> {
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/**
 * `LADDER_TEST_STACK=local|containers|auto` (default auto: testcontainers when a Docker engine
 * answers, local processes otherwise). Servers given by env are never started.
 */
export async function provideStack(env: NodeJS.ProcessEnv = process.env): Promise<ProvidedStack> {
  const external = externalEndpoints(env);
  const missing = (['postgres', 'kafka', 'temporal'] as const).filter(
    (n) => external[n] === undefined,
  );
  const mode = env.LADDER_TEST_STACK ?? 'auto';
  if (!['auto', 'local', 'containers'].includes(mode)) {
    throw new Error(`LADDER_TEST_STACK must be auto, local or containers, not "${mode}"`);
  }
  const useContainers =
    mode === 'containers' ||
    (mode === 'auto' && missing.length > 0 && (await dockerEngineAnswers()));
  const startedSource: StackSource = useContainers ? 'containers' : 'local';
  let started: { endpoints: Partial<StackEndpoints>; stop(): Promise<void> } = {
    endpoints: {},
    stop: () => Promise.resolve(),
  };
  if (missing.length > 0) {
    started = useContainers
      ? await (await import('./containers.js')).startContainerStack(missing)
      : await startThrowawayStack(missing);
  }
  const endpoints = { ...started.endpoints, ...external } as StackEndpoints;
  const sources = Object.fromEntries(
    (['postgres', 'kafka', 'temporal'] as const).map((n) => [
      n,
      external[n] ? 'external' : startedSource,
    ]),
  ) as Record<ServerName, StackSource>;
  return { endpoints, sources, stop: () => started.stop() };
}
