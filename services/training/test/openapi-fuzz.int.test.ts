import { describeOpenApiFuzz } from '@ladder/testing';
import { startTrainingApp } from './support/training-app.js';

describeOpenApiFuzz('training', async () => {
  const t = await startTrainingApp();
  return {
    baseUrl: await t.app.listen({ host: '127.0.0.1', port: 0 }),
    identities: [
      { label: 'anonymous' },
      { label: 'training provider', bearer: t.provider.apiKey },
      { label: 'programme operator', bearer: t.operator.apiKey },
      { label: 'job centre', bearer: t.jobCentre.apiKey },
    ],
    close: () => t.close(),
  };
});
