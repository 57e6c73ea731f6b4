import { parseConfig } from '@ladder/config';
import { createPool, migrate } from '@ladder/db';
import { createKafka, ensureTopics } from '@ladder/kafka';
import { createLogger } from '@ladder/logger';
import { cliConfigSchema } from '../config.js';
import { readModelChecksum } from '../db/read-model-checksum.js';
import { projectedTopics, projectionGroupBase } from '../events/projection.handlers.js';
import { rebuildReadModel } from '../events/rebuild.js';

const usage = `usage: npm run ops -- <command>
  rebuild    replay every topic from the beginning into empty read-model tables
             (stop the ops service first; env REPORTING_KEYS as the service's);
             prints the tables' checksum before and after
  checksum   print the read model's checksum`;

const command = process.argv[2];
if (command !== 'rebuild' && command !== 'checksum') {
  console.error(usage);
  process.exit(2);
}
const config = parseConfig(cliConfigSchema);
const logger = createLogger({ name: 'ops-cli', level: config.LOG_LEVEL });
await migrate({
  databaseUrl: config.DATABASE_URL,
  dir: new URL('../../migrations', import.meta.url).pathname,
});
const pool = createPool(config.DATABASE_URL, { applicationName: 'ops-cli', max: 4 });
try {
  const before = await readModelChecksum(pool);
  console.log(`checksum ${before}`);
  if (command === 'rebuild') {
    if (!config.REPORTING_KEYS) throw new Error('rebuild needs REPORTING_KEYS, as the service has');
    const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'ops-cli', logger });
    await ensureTopics(kafka, projectedTopics);
    const { messages, seconds } = await rebuildReadModel({
      pool,
      kafka,
      logger,
      groupBase: projectionGroupBase,
      topics: projectedTopics,
      reportingKeys: config.REPORTING_KEYS,
    });
    const after = await readModelChecksum(pool);
    console.log(`rebuilt from ${messages} messages in ${seconds.toFixed(1)} s`);
    console.log(`checksum ${after}`);
    console.log(before === after ? 'the read model is as it was' : 'the read model changed');
  }
} finally {
  await pool.end();
}
