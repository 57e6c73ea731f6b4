import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrainingDemo } from '../src/demo/demo-data.js';
import { bearer, startTrainingApp, type TrainingTestApp } from './support/training-app.js';

describe('the demo data for npm start', () => {
  let t: TrainingTestApp;
  const dir = mkdtempSync(join(tmpdir(), 'training-demo-'));
  const files = {
    credentialsFile: join(dir, 'demo-credentials.json'),
    serviceKeyFile: join(dir, 'view.key'),
  };
  beforeAll(async () => {
    t = await startTrainingApp();
  });
  afterAll(async () => t.close());

  it('when loaded twice, then the provider’s key sees its demo intakes and nothing is made twice', async () => {
    const first = await loadTrainingDemo({ pool: t.pool, store: t.store, ...files });
    const second = await loadTrainingDemo({ pool: t.pool, store: t.store, ...files });
    expect(first).toEqual({ courses: 3, intakes: 6 });
    expect(second).toEqual({ courses: 0, intakes: 0 });
    const saved = JSON.parse(readFileSync(files.credentialsFile, 'utf8')) as {
      organisations: { id: string; apiKey: string; scopes: string[] }[];
    };
    expect(saved.organisations).toHaveLength(3);
    const provider = saved.organisations.find((o) => o.id === 'org-luton-college')!;
    const intakes = await t.app.inject({
      method: 'GET',
      url: '/v1/intakes',
      headers: bearer({ organisationId: provider.id, apiKey: provider.apiKey }),
    });
    expect(intakes.json<{ items: unknown[] }>().items).toHaveLength(6);
    const serviceKey = readFileSync(files.serviceKeyFile, 'utf8').trim();
    expect((await t.store.authenticateApiKey(serviceKey))?.scopes).toEqual(['participants:view']);
  });
});
