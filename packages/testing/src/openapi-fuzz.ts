import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installSchemathesis } from '@ladder/infra';

/** One identity to fuzz as: the bearer credential of one kind of organisation (none: anonymous). */
export interface FuzzIdentity {
  label: string;
  bearer?: string;
}

export interface FuzzOptions {
  /** Where the service listens, e.g. `http://127.0.0.1:40123`; its document is at `/docs/json`. */
  baseUrl: string;
  identities: FuzzIdentity[];
  /** Cases per operation and phase; the default keeps a service's run to a minute or so. */
  maxExamples?: number;
  /** Fixed, so a failure seen once is seen again. */
  seed?: number;
}

export interface FuzzResult {
  label: string;
  ok: boolean;
  /** What schemathesis printed: the failing requests, to paste into a bug. */
  output: string;
}

/**
 * Fuzzes a service's API from its own OpenAPI document with schemathesis, once per identity, and
 * fails on any 5xx, any status code or content type the document does not list, and any body
 * that does not match its documented schema. The document is the contract clients are generated
 * from: a response it does not describe is a bug either way.
 */
export async function fuzzOpenApi(options: FuzzOptions): Promise<FuzzResult[]> {
  const schemathesis = await installSchemathesis();
  const results: FuzzResult[] = [];
  for (const identity of options.identities) {
    const args = [
      ...schemathesis.prefixArgs,
      'run',
      `${options.baseUrl}/docs/json`,
      '--url',
      options.baseUrl,
      '--checks',
      'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      String(options.maxExamples ?? 25),
      '--seed',
      String(options.seed ?? 20261202),
      // One worker: hypothesis on CPython 3.11 can fail inside `ast.parse` when threads share it.
      '--workers',
      '1',
      '--generation-database',
      'none',
      '--no-color',
      '--warnings',
      'off',
      // Bodies such as a referral's (names, a postcode pattern, dates, enums) are hard to hit at
      // random; the coverage phase builds valid and invalid ones from the schema on purpose.
      '--suppress-health-check',
      'filter_too_much',
      ...(identity.bearer ? ['--header', `Authorization: Bearer ${identity.bearer}`] : []),
    ];
    const { code, output } = await run(schemathesis.command, args);
    results.push({ label: identity.label, ok: code === 0, output });
  }
  return results;
}

/** The labels of the identities whose run failed, and what schemathesis said for each. */
export function fuzzFailures(results: FuzzResult[]): { failed: string[]; report: string } {
  const failed = results.filter((r) => !r.ok);
  return {
    failed: failed.map((r) => r.label),
    report: failed.map((r) => `${r.label}:\n${r.output.slice(-8000)}`).join('\n\n'),
  };
}

/** Runs it in a scratch folder: schemathesis writes its own state where it runs. */
async function run(
  command: string,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  const scratch = mkdtempSync(join(tmpdir(), 'ladder-fuzz-'));
  try {
    return await runIn(scratch, command, args);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runIn(
  cwd: string,
  command: string,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}
