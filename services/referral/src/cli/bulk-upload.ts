/**
 * Streams a CSV of referrals through the referral API's batch endpoint (the same rules as
 * POST /v1/referrals), with a progress bar, a per-row error report and safe resumption.
 *
 *   npm run bulk-upload -- --file referrals.csv --api http://127.0.0.1:3001 --key $LADDER_API_KEY
 *     [--errors referrals.errors.csv] [--batch 200] [--concurrency 4] [--resume]
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { parse } from 'csv-parse';
import { csvColumns, rowIdempotencyKey, rowToReferral, type CsvRow } from './csv-row.js';

interface ItemResult {
  idempotencyKey: string;
  status: number;
  problem?: { title?: string; detail?: string; errors?: { field: string; message: string }[] };
}

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    api: { type: 'string', default: process.env.LADDER_REFERRAL_API ?? 'http://127.0.0.1:3001' },
    key: { type: 'string', default: process.env.LADDER_API_KEY },
    errors: { type: 'string' },
    batch: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    resume: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  process.stderr.write(`bulk-upload: ${message}\n`);
  process.exit(2);
}

const file = values.file ?? fail('--file is required');
if (!existsSync(file)) fail(`no such file: ${file}`);
const apiKey = values.key ?? fail('--key (or LADDER_API_KEY) is required');
const batchSize = Number(values.batch);
const concurrency = Number(values.concurrency);
if (!(batchSize >= 1 && batchSize <= 500)) fail('--batch must be 1..500');
if (!(concurrency >= 1 && concurrency <= 32)) fail('--concurrency must be 1..32');
const checkpointFile = `${file}.progress.json`;
const errorFile = values.errors ?? `${file}.errors.csv`;

/** Rows are checkpointed up to the last line below which every batch has finished. */
const resumeAfter =
  values.resume && existsSync(checkpointFile)
    ? (JSON.parse(readFileSync(checkpointFile, 'utf8')) as { line: number }).line
    : 0;

async function countRows(): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file))
    for (const byte of chunk as Buffer) if (byte === 10) lines += 1;
  return Math.max(0, lines - 1);
}

async function send(items: { line: number; key: string; row: CsvRow }[]): Promise<ItemResult[]> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${values.api}/v1/referrals/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        items: items.map((i) => ({ idempotencyKey: i.key, referral: rowToReferral(i.row) })),
      }),
    }).catch((error: unknown) => ({ status: 0, error }) as const);
    if ('error' in response || response.status === 429 || response.status >= 500) {
      if (attempt >= 8) throw new Error(`the API kept failing (last status ${response.status})`);
      const retryAfter =
        'headers' in response ? Number(response.headers.get('retry-after') ?? 0) : 0;
      await new Promise((r) => setTimeout(r, Math.max(retryAfter * 1000, 250 * 2 ** attempt)));
      continue;
    }
    if (response.status !== 200)
      fail(`the API refused the batch: HTTP ${response.status} ${await response.text()}`);
    return ((await response.json()) as { results: ItemResult[] }).results;
  }
}

async function main(): Promise<void> {
  const total = await countRows();
  const bar = new SingleBar(
    {
      format:
        'referrals {bar} {value}/{total} | {created} created, {replayed} replayed, {failed} errors | {eta_formatted} left',
    },
    Presets.shades_classic,
  );
  const counts = { created: 0, replayed: 0, failed: 0 };
  bar.start(total, Math.min(resumeAfter, total), counts);
  const errors = createWriteStream(errorFile, { flags: resumeAfter > 0 ? 'a' : 'w' });
  if (resumeAfter === 0) errors.write('line,idempotency_key,status,problem,fields\n');

  const parser = createReadStream(file).pipe(
    parse({ columns: true, skip_empty_lines: true, trim: false, bom: true }),
  );
  const pending = new Set<Promise<void>>();
  const finished = new Set<number>();
  let checkpoint = resumeAfter;
  let batch: { line: number; key: string; row: CsvRow }[] = [];
  let line = 0;

  const flush = async (items: typeof batch): Promise<void> => {
    const results = await send(items);
    results.forEach((result, i) => {
      const item = items[i]!;
      if (result.status === 201) counts.created += 1;
      else if (result.status === 200) counts.replayed += 1;
      else {
        counts.failed += 1;
        // Fields are named as in the referral, not by their place in the batch.
        const fields = (result.problem?.errors ?? [])
          .map((e) => `${e.field.replace(/^items\.\d+\.referral\./, '')}: ${e.message}`)
          .join('; ');
        const csv = (v: string): string => `"${v.replaceAll('"', '""')}"`;
        errors.write(
          `${item.line},${csv(item.key)},${result.status},${csv(result.problem?.title ?? '')},${csv(fields)}\n`,
        );
      }
    });
    finished.add(items[0]!.line);
    // The checkpoint moves past a batch only when every earlier batch has finished too.
    while (finished.has(checkpoint + 1)) {
      finished.delete(checkpoint + 1);
      checkpoint += batchSize;
    }
    writeFileSync(checkpointFile, JSON.stringify({ line: checkpoint }));
    bar.increment(items.length, counts);
  };

  const dispatch = async (items: typeof batch): Promise<void> => {
    const job = flush(items).finally(() => pending.delete(job));
    pending.add(job);
    if (pending.size >= concurrency) await Promise.race(pending);
  };

  for await (const record of parser as AsyncIterable<CsvRow>) {
    line += 1;
    if (line <= resumeAfter) continue;
    const unknown = Object.keys(record).filter(
      (c) => !(csvColumns as readonly string[]).includes(c),
    );
    if (line === 1 && unknown.length > 0) fail(`unknown columns: ${unknown.join(', ')}`);
    batch.push({ line, key: rowIdempotencyKey(record, line), row: record });
    if (batch.length === batchSize) {
      await dispatch(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await dispatch(batch);
  await Promise.all(pending);
  bar.stop();
  errors.end();
  process.stdout.write(
    `${counts.created} created, ${counts.replayed} already submitted, ${counts.failed} refused (see ${errorFile})\n`,
  );
  process.exitCode = counts.failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
