import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { cachedBuild, hashFiles, log } from '../install-cache.js';
import { repoRoot } from '../paths.js';
import { execFileAsync } from '../processes.js';
import type { Installation, ServerDefinition } from '../server-definition.js';
import { commandExists, ensureDebianPackages } from '../system-packages.js';

export interface KafkaEndpoint {
  brokers: string[];
}

type KafkaPorts = { port: number; controllerPort: number };

/** Kept in step with infra/kafka/pom.xml, which is what actually pins the jars. */
export const kafkaVersion = '4.1.1';
const pom = join(repoRoot, 'infra', 'kafka', 'pom.xml');
const dependencyPlugin = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies';

export async function ensureJavaAndMaven(): Promise<void> {
  const missing: string[] = [];
  if (!(await commandExists('java'))) missing.push('openjdk-17-jre-headless');
  if (!(await commandExists('mvn'))) missing.push('maven');
  if (missing.length > 0) await ensureDebianPackages(missing, 'Java and Maven are needed');
}

/** Resolves a pom's runtime dependencies from Maven Central into `<dir>/lib`. */
export async function copyMavenDependencies(pomFile: string, dir: string): Promise<void> {
  await execFileAsync(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      pomFile,
      dependencyPlugin,
      '-DincludeScope=runtime',
      `-DoutputDirectory=${join(dir, 'lib')}`,
    ],
    { maxBuffer: 64 << 20 },
  );
}

/**
 * A KRaft cluster id: 16 random bytes in URL-safe base64, as `StorageTool random-uuid` makes, and
 * like Kafka's own never starting with '-' (the tool would read it as an option: seen here).
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties(dir: string, ports: KafkaPorts): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${ports.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${ports.port},CONTROLLER://127.0.0.1:${ports.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${ports.port}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${join(dir, 'data')}`,
    'num.partitions=3',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Consumer groups form at once instead of waiting 3 s for more members: tests start fast.
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

const log4j2Properties = [
  'status = warn',
  'appender.console.type = Console',
  'appender.console.name = STDOUT',
  'appender.console.layout.type = PatternLayout',
  'appender.console.layout.pattern = [%d] %p %m (%c)%n',
  'rootLogger.level = warn',
  'rootLogger.appenderRef.stdout.ref = STDOUT',
  'logger.kafka.name = kafka.server.KafkaRaftServer',
  'logger.kafka.level = info',
  '',
].join('\n');

export const kafka: ServerDefinition<KafkaPorts, KafkaEndpoint> = {
  name: 'kafka',
  defaultPorts: {
    port: Number(process.env.LADDER_KAFKA_PORT ?? 59092),
    controllerPort: Number(process.env.LADDER_KAFKA_CONTROLLER_PORT ?? 59093),
  },
  startTimeoutMs: 90_000,

  async install(): Promise<Installation> {
    await ensureJavaAndMaven();
    const home = await cachedBuild(`kafka-${kafkaVersion}-${hashFiles(pom)}`, async (scratch) => {
      log(`fetching Apache Kafka ${kafkaVersion} jars from Maven Central (first run only)`);
      await copyMavenDependencies(pom, scratch);
    });
    return { version: kafkaVersion, paths: { classpath: `${join(home, 'lib')}/*` } };
  },

  async prepare(installation, dir, ports, durability) {
    mkdirSync(dir, { recursive: true });
    const config = join(dir, 'server.properties');
    writeFileSync(config, serverProperties(dir, ports));
    writeFileSync(join(dir, 'log4j2.properties'), log4j2Properties);
    const classpath = installation.paths.classpath!;
    if (!existsSync(join(dir, 'data', 'meta.properties'))) {
      const clusterId = newClusterId();
      await execFileAsync(
        'java',
        [
          '-cp',
          classpath,
          'kafka.tools.StorageTool',
          'format',
          '-t',
          clusterId,
          '-c',
          config,
          '--ignore-formatted',
        ],
        { maxBuffer: 16 << 20 },
      );
    }
    const heap = durability === 'durable' ? '-Xmx1g' : '-Xmx768m';
    return {
      command: 'java',
      args: [
        '-Xms256m',
        heap,
        '-XX:+UseG1GC',
        '-Djava.awt.headless=true',
        `-Dlog4j2.configurationFile=${join(dir, 'log4j2.properties')}`,
        '-cp',
        classpath,
        'kafka.Kafka',
        config,
      ],
      logFile: join(dir, 'server.log'),
      cwd: dir,
    };
  },

  endpoint: (ports) => ({ brokers: [`127.0.0.1:${ports.port}`] }),

  async healthy(endpoint) {
    const admin = new Kafka({
      clientId: 'ladder-health',
      brokers: endpoint.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 2_000,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  },
};
