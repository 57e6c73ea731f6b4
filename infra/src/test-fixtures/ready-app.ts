// An app for app-runner.int.test.ts that is ready at once: every request (so `/ready`) gets 200.
import { createServer } from 'node:http';

createServer((_request, response) => response.end('ok')).listen(
  Number(process.env.PORT),
  '127.0.0.1',
);
