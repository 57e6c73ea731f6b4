/**
 * Run by `npm start` before the service (after the referral, training and employer services'
 * demo data): the keys ops calls them with (see `demo-keys.ts`).
 * Env: IDENTITY_DATABASE_URL, DEMO_CREDENTIALS_FILE, PARTICIPANT_VIEW_API_KEY_FILE,
 * OPERATOR_API_KEYS_FILE.
 */
import { z } from 'zod';
import { CredentialStore, migrateIdentity } from '@ladder/auth';
import { env, parseConfig } from '@ladder/config';
import { createPool } from '@ladder/db';
import { demoStaff } from '../staff/demo-staff.js';
import { grantOpsDemoKeys } from './demo-keys.js';

const config = parseConfig(
  z.object({
    IDENTITY_DATABASE_URL: env.postgresUrl(),
    DEMO_CREDENTIALS_FILE: z.string().min(1),
    PARTICIPANT_VIEW_API_KEY_FILE: z.string().min(1),
    OPERATOR_API_KEYS_FILE: z.string().min(1),
  }),
);
await migrateIdentity(config.IDENTITY_DATABASE_URL);
const identityPool = createPool(config.IDENTITY_DATABASE_URL, { max: 2 });
try {
  const { operators } = await grantOpsDemoKeys({
    store: new CredentialStore(identityPool),
    credentialsFile: config.DEMO_CREDENTIALS_FILE,
    viewKeyFile: config.PARTICIPANT_VIEW_API_KEY_FILE,
    operatorKeysFile: config.OPERATOR_API_KEYS_FILE,
    operatorIds: demoStaff.map((s) => s.organisationId),
  });
  process.stdout.write(`ops demo: keys for ${operators} programme operators\n`);
} finally {
  await identityPool.end();
}
