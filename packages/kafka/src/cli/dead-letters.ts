/**
 * Lists and replays dead letters.
 *
 *   npm run dead-letters -- list <dead-letter-topic>
 *   npm run dead-letters -- replay <dead-letter-topic> [offset...]   (no offsets: every letter not yet replayed)
 *
 * Brokers come from KAFKA_BROKERS, else from the running stack's .ladder/endpoints.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@ladder/logger';
import { createKafka } from '../client.js';
import { listDeadLetters, replayDeadLetters } from '../dead-letters.js';

function brokers(): string[] {
  if (process.env.KAFKA_BROKERS) return process.env.KAFKA_BROKERS.split(',').map((b) => b.trim());
  const file = join(process.env.INIT_CWD ?? process.cwd(), '.ladder', 'endpoints.json');
  if (existsSync(file)) {
    const endpoints = JSON.parse(readFileSync(file, 'utf8')) as { kafka?: { brokers?: string[] } };
    if (endpoints.kafka?.brokers) return endpoints.kafka.brokers;
  }
  throw new Error(
    'set KAFKA_BROKERS, or start the stack (npm start) so .ladder/endpoints.json exists',
  );
}

async function main(): Promise<void> {
  const [action, topic, ...offsets] = process.argv.slice(2);
  if ((action !== 'list' && action !== 'replay') || topic === undefined) {
    throw new Error(
      'usage: dead-letters list <dead-letter-topic> | replay <dead-letter-topic> [offset...]',
    );
  }
  const kafka = createKafka({
    brokers: brokers(),
    clientId: 'ladder-dead-letters',
    logger: createLogger({ name: 'dead-letters', level: 'warn' }),
  });
  if (action === 'list') {
    const letters = await listDeadLetters(kafka, topic);
    for (const l of letters) {
      const state = l.replayed ? 'replayed' : 'waiting';
      process.stdout.write(
        `${l.offset}\t${state}\t${l.reason ?? '?'}\t${l.eventType ?? '?'}\t${l.eventId ?? '?'}\t${l.originalTopic}:${l.originalPartition}@${l.originalOffset}\t${l.failedAt ?? ''}\t${l.error ?? ''}\n`,
      );
    }
    process.stdout.write(
      `${letters.length} dead letter(s), ${letters.filter((l) => !l.replayed).length} waiting\n`,
    );
  } else {
    const replayed = await replayDeadLetters(
      kafka,
      topic,
      offsets.length > 0 ? offsets : undefined,
    );
    process.stdout.write(`replayed ${replayed.length}: ${replayed.join(', ')}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
