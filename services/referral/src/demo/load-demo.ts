/**
 * Run by `npm start` before the service: migrates the databases and loads the demo organisations,
 * keys and programme. Env: DATABASE_URL, IDENTITY_DATABASE_URL, DEMO_CREDENTIALS_FILE.
 */
import { demoEnv, loadDemo } from '@ladder/auth';
import { parseConfig } from '@ladder/config';
import { migrate } from '@ladder/db';
import { migrateIdempotency } from '@ladder/idempotency';
import { loadDemoData } from './demo-data.js';

const config = parseConfig(demoEnv);
await loadDemo(config, {
  migrate: async (databaseUrl) => {
    await migrate({ databaseUrl, dir: new URL('../../migrations', import.meta.url).pathname });
    await migrateIdempotency(databaseUrl);
  },
  load: async ({ pool, store }) => {
    const credentials = await loadDemoData({
      pool,
      store,
      credentialsFile: config.DEMO_CREDENTIALS_FILE,
    });
    return `demo organisations: ${credentials.organisations.map((o) => o.name).join(', ')}`;
  },
});
