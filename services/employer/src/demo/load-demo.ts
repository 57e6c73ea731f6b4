/**
 * Run by `npm start` before the service (after the referral service's demo data): migrates the
 * database and loads the demo employers with their API keys, the programme operator's employment
 * key, this service's own credential for the consented view, and sites with slots and vacancies.
 * Env: DATABASE_URL, IDENTITY_DATABASE_URL, DEMO_CREDENTIALS_FILE, PARTICIPANT_VIEW_API_KEY_FILE.
 */
import { z } from 'zod';
import { demoEnv, loadDemo } from '@ladder/auth';
import { parseConfig } from '@ladder/config';
import { migrateEmployer } from '../migrate.js';
import { loadEmployerDemo } from './demo-data.js';

const config = parseConfig(demoEnv.extend({ PARTICIPANT_VIEW_API_KEY_FILE: z.string().min(1) }));
await loadDemo(config, {
  migrate: migrateEmployer,
  load: async ({ pool, store }) => {
    const loaded = await loadEmployerDemo({
      pool,
      store,
      credentialsFile: config.DEMO_CREDENTIALS_FILE,
      serviceKeyFile: config.PARTICIPANT_VIEW_API_KEY_FILE,
    });
    return `employer demo: ${loaded.sites} sites, ${loaded.slots} placement slots, ${loaded.vacancies} vacancies`;
  },
});
