/**
 * Run by `npm start` before the service (after the referral service's demo data): migrates the
 * database and loads a demo provider with its API key, the programme operator's training key,
 * this service's own credential for the consented view, and courses with intakes.
 * Env: DATABASE_URL, IDENTITY_DATABASE_URL, DEMO_CREDENTIALS_FILE, PARTICIPANT_VIEW_API_KEY_FILE.
 */
import { z } from 'zod';
import { demoEnv, loadDemo } from '@ladder/auth';
import { parseConfig } from '@ladder/config';
import { migrateTraining } from '../migrate.js';
import { loadTrainingDemo } from './demo-data.js';

const config = parseConfig(demoEnv.extend({ PARTICIPANT_VIEW_API_KEY_FILE: z.string().min(1) }));
await loadDemo(config, {
  migrate: migrateTraining,
  load: async ({ pool, store }) => {
    const loaded = await loadTrainingDemo({
      pool,
      store,
      credentialsFile: config.DEMO_CREDENTIALS_FILE,
      serviceKeyFile: config.PARTICIPANT_VIEW_API_KEY_FILE,
    });
    return `training demo: ${loaded.courses} courses, ${loaded.intakes} intakes`;
  },
});
