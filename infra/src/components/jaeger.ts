import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildGoProgram } from '../go-build.js';
import { repoRoot } from '../paths.js';
import { portAnswers } from '../processes.js';
import type { Installation, ServerDefinition } from '../server-definition.js';

export interface JaegerEndpoint {
  /** Where services send traces: OTLP over HTTP (`/v1/traces`), as OTEL_EXPORTER_OTLP_ENDPOINT. */
  otlpHttpUrl: string;
  /** OTLP over gRPC, for exporters that prefer it. */
  otlpGrpcAddress: string;
  /** The query service: the web UI's address and its JSON API (`/api/traces?service=...`). */
  uiUrl: string;
}

type JaegerPorts = { otlpHttpPort: number; otlpGrpcPort: number; uiPort: number; grpcPort: number };

/** Kept in step with infra/jaeger/go.mod, which is what actually pins Jaeger. */
export const jaegerVersion = '1.75.0';
const moduleDir = join(repoRoot, 'infra', 'jaeger');

/**
 * Builds Jaeger's `jaeger` binary (v2: the all-in-one built on the OpenTelemetry Collector) from
 * the Go module proxy, pinned by go.sum. The module ships no built web UI (that is a separate
 * JavaScript project), so the UI address serves Jaeger's placeholder page; the query API behind it
 * is complete.
 */
export async function installJaeger(): Promise<Installation> {
  const binary = await buildGoProgram({
    title: 'Jaeger',
    cacheName: 'jaeger',
    version: jaegerVersion,
    moduleDir,
    mainPackage: 'github.com/jaegertracing/jaeger/cmd/jaeger',
    binary: 'jaeger',
    versionFlags: [
      '-X',
      `github.com/jaegertracing/jaeger/internal/version.latestVersion=v${jaegerVersion}`,
    ],
    coldBuildTakes: 'about ten minutes',
  });
  return { version: jaegerVersion, paths: { jaeger: binary } };
}

/**
 * The Collector configuration: OTLP in, Jaeger's in-memory store, the query service out, every
 * listener on 127.0.0.1 only, and the Collector's own metrics (a fixed port of its own) off.
 */
export function jaegerConfig(ports: JaegerPorts): string {
  const at = (port: number): string => `127.0.0.1:${port}`;
  return `# Written by infra/src/components/jaeger.ts at each start; edits are overwritten.
service:
  extensions: [jaeger_storage, jaeger_query]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: warn
extensions:
  jaeger_storage:
    backends:
      memory_store:
        memory:
          max_traces: 100000
  jaeger_query:
    storage:
      traces: memory_store
    # Jaeger would otherwise trace its own queries into the store it serves.
    enable_tracing: false
    http:
      endpoint: ${at(ports.uiPort)}
    grpc:
      endpoint: ${at(ports.grpcPort)}
receivers:
  otlp:
    protocols:
      http:
        endpoint: ${at(ports.otlpHttpPort)}
      grpc:
        endpoint: ${at(ports.otlpGrpcPort)}
processors:
  batch:
exporters:
  jaeger_storage_exporter:
    trace_storage: memory_store
`;
}

export const jaeger: ServerDefinition<JaegerPorts, JaegerEndpoint> = {
  name: 'jaeger',
  defaultPorts: {
    otlpHttpPort: Number(process.env.LADDER_JAEGER_OTLP_HTTP_PORT ?? 54318),
    otlpGrpcPort: Number(process.env.LADDER_JAEGER_OTLP_GRPC_PORT ?? 54317),
    uiPort: Number(process.env.LADDER_JAEGER_UI_PORT ?? 56686),
    grpcPort: Number(process.env.LADDER_JAEGER_GRPC_PORT ?? 56685),
  },
  startTimeoutMs: 30_000,
  install: installJaeger,

  // Traces are kept in memory whatever the durability: they are a development aid, and a
  // restart of `npm start` begins with an empty store.
  prepare(installation, dir, ports) {
    mkdirSync(dir, { recursive: true });
    const config = join(dir, 'config.yaml');
    writeFileSync(config, jaegerConfig(ports));
    return Promise.resolve({
      command: installation.paths.jaeger!,
      args: ['--config', config],
      logFile: join(dir, 'server.log'),
      cwd: dir,
    });
  },

  endpoint: (ports) => ({
    otlpHttpUrl: `http://127.0.0.1:${ports.otlpHttpPort}`,
    otlpGrpcAddress: `127.0.0.1:${ports.otlpGrpcPort}`,
    uiUrl: `http://127.0.0.1:${ports.uiPort}`,
  }),

  // The Collector starts its receivers after its extensions: ready means both the query API and
  // the OTLP receiver answer.
  async healthy(endpoint) {
    try {
      const services = await fetch(`${endpoint.uiUrl}/api/services`, {
        signal: AbortSignal.timeout(2_000),
      });
      return services.ok && (await portAnswers(Number(new URL(endpoint.otlpHttpUrl).port)));
    } catch {
      return false;
    }
  },
};
