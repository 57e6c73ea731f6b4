import { describeOpenApiFuzz } from '@ladder/testing';
import { startEmployerApp } from './support/employer-app.js';

describeOpenApiFuzz('employer', async () => {
  const t = await startEmployerApp();
  return {
    baseUrl: await t.app.listen({ host: '127.0.0.1', port: 0 }),
    identities: [
      { label: 'anonymous' },
      { label: 'employer', bearer: t.employer.apiKey },
      { label: 'programme operator', bearer: t.operator.apiKey },
      { label: 'job centre', bearer: t.jobCentre.apiKey },
    ],
    close: () => t.close(),
  };
});
