import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, stateDir } from './paths.js';
import { codecPort } from './components/temporal.js';
import type { LocalSecrets } from './secrets.js';
import type { StackEndpoints } from './stack.js';

/**
 * How `npm start` runs one deployable of the system. Every deployable starts through
 * @ladder/service-kit; ports (API, metrics): referral 3001 and 9301, training 3002 and 9302,
 * employer 3003 and 9303, ops 3004 and 9304, the journey worker 3099 and 9399.
 */
export interface AppDefinition {
  name: string;
  dir: string;
  entry: string;
  /** Runs to completion before the app starts (migrations, demo data). */
  prepare?: string;
  /** Runs once the app is ready (demo activity through its API); env gets APP_URL. */
  afterStart?: string;
  /** The HTTP listener (`PORT`): the API, or the worker's codec endpoint; `/ready` is polled here. */
  port: number;
  /** How long the app has to answer `/ready` once started; default 60 s. */
  readyTimeoutMs?: number;
  /** Where the deployable serves Prometheus metrics (`METRICS_PORT`), apart from the API. */
  metricsPort: number;
  /** Databases to create on the stack's PostgreSQL: env var -> database name. */
  databases: Record<string, string>;
  env(stack: StackEndpoints, secrets: LocalSecrets): Record<string, string>;
  docsPath?: string;
  /** Lines `npm start` prints under the app's address (where to sign in, demo users). */
  notes?: (url: string) => string[];
}

/** The development OpenID provider the ops service runs under `npm start` (demo staff only). */
export const opsDevSignInPort = Number(process.env.LADDER_OPS_SIGN_IN_PORT ?? 3014);
const opsPort = Number(process.env.LADDER_OPS_PORT ?? 3004);

/** The ops service's demo staff, read as data (infra never imports a service's code). */
function readDemoStaff(): { login: string; role: string; organisationId: string }[] {
  return JSON.parse(readFileSync(join(repoRoot, 'services', 'ops', 'demo-staff.json'), 'utf8')) as {
    login: string;
    role: string;
    organisationId: string;
  }[];
}

export const demoCredentialsFile = (): string => join(stateDir(), 'demo-credentials.json');

/** The demo keys with a scope, as the demo data wrote them (read once the app has started). */
function demoKeysWith(scope: string): string[] {
  const { organisations } = JSON.parse(readFileSync(demoCredentialsFile(), 'utf8')) as {
    organisations: { id: string; kind: string; apiKey: string; scopes: string[] }[];
  };
  return organisations
    .filter((o) => o.scopes.includes(scope))
    .map((o) => `  demo key: ${o.kind.padEnd(18)} ${o.id.padEnd(22)} ${o.apiKey}`);
}

export const apps: AppDefinition[] = [
  {
    name: 'referral-service',
    dir: join(repoRoot, 'services', 'referral'),
    entry: 'src/main.ts',
    prepare: 'src/demo/load-demo.ts',
    afterStart: 'src/demo/submit-demo-referrals.ts',
    port: Number(process.env.LADDER_REFERRAL_PORT ?? 3001),
    metricsPort: Number(process.env.LADDER_REFERRAL_METRICS_PORT ?? 9301),
    databases: { DATABASE_URL: 'ladder_referral', IDENTITY_DATABASE_URL: 'ladder_identity' },
    docsPath: '/docs',
    env: (stack, secrets) => ({
      KAFKA_BROKERS: stack.kafka.brokers.join(','),
      MASTER_KEYS: secrets.masterKeys,
      MATCHING_KEY: secrets.matchingKey,
      REPORTING_KEYS: secrets.reportingKeys,
      WEBHOOKS_ALLOW_HTTP: 'true',
      DEMO_CREDENTIALS_FILE: demoCredentialsFile(),
    }),
  },
  {
    name: 'training-service',
    dir: join(repoRoot, 'services', 'training'),
    entry: 'src/main.ts',
    // After the referral service's demo data: the provider organisation is made there first.
    prepare: 'src/demo/load-demo.ts',
    port: Number(process.env.LADDER_TRAINING_PORT ?? 3002),
    metricsPort: Number(process.env.LADDER_TRAINING_METRICS_PORT ?? 9302),
    databases: { DATABASE_URL: 'ladder_training', IDENTITY_DATABASE_URL: 'ladder_identity' },
    docsPath: '/docs',
    env: (stack) => ({
      KAFKA_BROKERS: stack.kafka.brokers.join(','),
      REFERRAL_SERVICE_URL: `http://127.0.0.1:${process.env.LADDER_REFERRAL_PORT ?? 3001}`,
      PARTICIPANT_VIEW_API_KEY_FILE: join(stateDir(), 'training-service-participant-view.key'),
      DEMO_CREDENTIALS_FILE: demoCredentialsFile(),
      // Demo offers lapse within a minute of their window.
      OFFER_LAPSE_EVERY_MS: '10000',
    }),
  },
  {
    name: 'employer-service',
    dir: join(repoRoot, 'services', 'employer'),
    entry: 'src/main.ts',
    // After the referral service's demo data: the trust and the operator are made there first.
    prepare: 'src/demo/load-demo.ts',
    port: Number(process.env.LADDER_EMPLOYER_PORT ?? 3003),
    metricsPort: Number(process.env.LADDER_EMPLOYER_METRICS_PORT ?? 9303),
    databases: { DATABASE_URL: 'ladder_employer', IDENTITY_DATABASE_URL: 'ladder_identity' },
    docsPath: '/docs',
    env: (stack) => ({
      KAFKA_BROKERS: stack.kafka.brokers.join(','),
      REFERRAL_SERVICE_URL: `http://127.0.0.1:${process.env.LADDER_REFERRAL_PORT ?? 3001}`,
      PARTICIPANT_VIEW_API_KEY_FILE: join(stateDir(), 'employer-service-participant-view.key'),
      DEMO_CREDENTIALS_FILE: demoCredentialsFile(),
    }),
    notes: () => demoKeysWith('employment:write'),
  },
  {
    name: 'ops-service',
    dir: join(repoRoot, 'services', 'ops'),
    entry: 'src/main.ts',
    // After the other services' demo data: the operators are made there first.
    prepare: 'src/demo/load-demo.ts',
    port: opsPort,
    metricsPort: Number(process.env.LADDER_OPS_METRICS_PORT ?? 9304),
    databases: { DATABASE_URL: 'ladder_ops', IDENTITY_DATABASE_URL: 'ladder_identity' },
    docsPath: '/docs',
    env: (stack, secrets) => ({
      KAFKA_BROKERS: stack.kafka.brokers.join(','),
      TEMPORAL_ADDRESS: stack.temporal.address,
      TEMPORAL_NAMESPACE: stack.temporal.namespace,
      CODEC_KEYS: secrets.codecKeys,
      REPORTING_KEYS: secrets.reportingKeys,
      PUBLIC_URL: `http://127.0.0.1:${opsPort}`,
      DEV_SIGN_IN_PORT: String(opsDevSignInPort),
      REFERRAL_SERVICE_URL: `http://127.0.0.1:${process.env.LADDER_REFERRAL_PORT ?? 3001}`,
      TRAINING_SERVICE_URL: `http://127.0.0.1:${process.env.LADDER_TRAINING_PORT ?? 3002}`,
      EMPLOYER_SERVICE_URL: `http://127.0.0.1:${process.env.LADDER_EMPLOYER_PORT ?? 3003}`,
      // Written by the ops demo data: its own key for the consented view, the operators' keys.
      PARTICIPANT_VIEW_API_KEY_FILE: join(stateDir(), 'ops-service-participant-view.key'),
      OPERATOR_API_KEYS_FILE: join(stateDir(), 'ops-service-operator-keys.json'),
      DEMO_CREDENTIALS_FILE: demoCredentialsFile(),
    }),
    notes: (url) => [
      `staff sign-in: ${url}/sign-in  (development provider on http://127.0.0.1:${opsDevSignInPort})`,
      ...readDemoStaff().map(
        (s) =>
          `  demo staff: ${s.login.padEnd(8)} ${s.role.padEnd(10)} ${s.organisationId}  (any password)`,
      ),
    ],
  },
  {
    name: 'journey-worker',
    dir: join(repoRoot, 'workflows'),
    entry: 'src/main.ts',
    // Its HTTP listener is the codec endpoint (the Web UI's way to read journeys).
    port: codecPort,
    metricsPort: Number(process.env.LADDER_WORKER_METRICS_PORT ?? 9399),
    databases: { DATABASE_URL: 'ladder_journeys' },
    env: (stack, secrets) => ({
      KAFKA_BROKERS: stack.kafka.brokers.join(','),
      TEMPORAL_ADDRESS: stack.temporal.address,
      TEMPORAL_NAMESPACE: stack.temporal.namespace,
      CODEC_KEYS: secrets.codecKeys,
      CODEC_ALLOWED_ORIGIN: stack.temporal.uiUrl ?? 'http://127.0.0.1:58233',
      CODEC_TOKEN: secrets.codecToken,
      CODEC_STAFF_CHECK_URL: `http://127.0.0.1:${opsPort}/internal/v1/codec-access`,
    }),
    notes: (url) => [
      `codec endpoint: ${url} (the Web UI decodes journeys for a signed-in ops admin, e.g. ada:`,
      `  sign in to the ops service, then in the Web UI's codec settings tick "Include cross-origin credentials";`,
      `  scripts and the Temporal CLI send the token in .ladder/secrets.json: --codec-auth "Bearer <codecToken>")`,
    ],
  },
];

/**
 * The standard OpenTelemetry variables every deployable gets when the stack runs Jaeger: traces
 * go to its OTLP/HTTP receiver, under the deployable's name.
 */
export function openTelemetryEnv(appName: string, stack: StackEndpoints): Record<string, string> {
  if (stack.jaeger === undefined) return {};
  return { OTEL_EXPORTER_OTLP_ENDPOINT: stack.jaeger.otlpHttpUrl, OTEL_SERVICE_NAME: appName };
}
