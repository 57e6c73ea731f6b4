import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzFailures, fuzzOpenApi, type FuzzIdentity } from './openapi-fuzz.js';

/** A service started for fuzzing: where it listens, whom to fuzz as, and how to stop it. */
export interface FuzzTarget {
  baseUrl: string;
  identities: FuzzIdentity[];
  close(): Promise<void>;
}

/**
 * A service's whole fuzz test (`test/openapi-fuzz.int.test.ts`): `start` runs the app on a free
 * port with an organisation of each kind, and every operation is fuzzed as each of them (see
 * {@link fuzzOpenApi}); any 5xx or undocumented answer fails it, with schemathesis's report.
 */
export function describeOpenApiFuzz(service: string, start: () => Promise<FuzzTarget>): void {
  describe(`the ${service} API against a fuzzer driven by its own OpenAPI document`, () => {
    let target: FuzzTarget | undefined;
    beforeAll(async () => {
      target = await start();
    });
    afterAll(async () => target?.close());

    // One full schemathesis run per identity: minutes on a loaded 2-core machine.
    it(
      'when every operation is fuzzed as each kind of caller, then no answer is a 5xx or undocumented',
      { timeout: 600_000 },
      async () => {
        const { baseUrl, identities } = target!;
        const results = await fuzzOpenApi({ baseUrl, identities });
        const { failed, report } = fuzzFailures(results);
        expect(failed, report).toEqual([]);
        expect(results.map((r) => r.label)).toEqual(identities.map((i) => i.label));
      },
    );
  });
}

/** One operation of an OpenAPI document, as far as the document tests read it. */
export interface OpenApiOperation {
  responses?: Record<string, unknown>;
  parameters?: { name: string; in: string; required?: boolean; schema?: { enum?: string[] } }[];
}

/** A document's operations by path, then method (lower case). */
export type OpenApiPaths = Record<string, Record<string, OpenApiOperation>>;

/** The paths of the document an app serves at `/docs/json`, read through `inject`. */
export async function openApiPaths(app: {
  inject(request: { method: 'GET'; url: string }): PromiseLike<{ json(): unknown }>;
}): Promise<OpenApiPaths> {
  const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
  return (document as { paths: OpenApiPaths }).paths;
}

/** Expects each `[method, path]` in the document, each with a success answer. */
export function expectDocumented(
  paths: OpenApiPaths,
  operations: readonly (readonly [method: string, path: string])[],
): void {
  for (const [method, path] of operations) {
    const operation = paths[path]?.[method];
    expect(operation, `${method} ${path}`).toBeDefined();
    expect(Object.keys(operation!.responses ?? {}).some((s) => s.startsWith('2'))).toBe(true);
  }
}

/** Expects each creating POST of `posts` to require the Idempotency-Key header. */
export function expectIdempotencyKeyRequired(paths: OpenApiPaths, posts: readonly string[]): void {
  for (const path of posts) {
    const header = paths[path]?.post?.parameters?.find((p) => p.name === 'idempotency-key');
    expect(header, path).toMatchObject({ in: 'header', required: true });
  }
}
