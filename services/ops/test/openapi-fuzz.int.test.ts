import { describeOpenApiFuzz } from '@ladder/testing';
import { startProjectionStack } from './support/projection-stack.js';
import { reportScopes, startOpsApp } from './support/ops-app.js';

describeOpenApiFuzz('ops', async () => {
  const t = await startProjectionStack();
  const ops = await startOpsApp(t);
  const operator = await ops.organisation('BLMK ICB', 'programme-operator', reportScopes);
  const jobCentre = await ops.organisation('Luton Jobcentre Plus', 'job-centre', reportScopes);
  const employer = await ops.organisation('A trust', 'employer', []);
  return {
    baseUrl: await ops.app.listen({ host: '127.0.0.1', port: 0 }),
    identities: [
      { label: 'anonymous' },
      { label: 'programme operator', bearer: operator.apiKey },
      { label: 'job centre', bearer: jobCentre.apiKey },
      { label: 'employer without scopes', bearer: employer.apiKey },
    ],
    close: async () => {
      await ops.close();
      await t.close();
    },
  };
});
