import { z } from 'zod';
import { problemJsonSchema } from './problem.js';

/** The parts of an OpenAPI 3.1 document this reads and writes; the rest passes through. */
interface Response {
  description?: string;
  content?: Record<string, unknown>;
}
interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  responses?: Record<string, Response>;
}
export interface OpenApiDocument {
  security?: Record<string, string[]>[];
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown>; [key: string]: unknown };
  [key: string]: unknown;
}

const problemType = 'application/problem+json';
const problemRef = { $ref: '#/components/schemas/Problem' };

/** The error answers the HTTP base itself gives, whatever the route. */
const standard: Record<string, string> = {
  '400': 'A field is not valid (each one named in `errors`)',
  '401': 'No credentials, or credentials that do not verify',
  '403': 'The credentials lack the scope this route needs',
  '404': 'No such resource of yours',
  '413': 'The request body is too large',
  '415': 'The request body is not JSON',
  '422': 'This Idempotency-Key was used with a different request (`idempotency-key-reused`)',
  '429': 'Over the organisation’s rate limit; wait `Retry-After` seconds',
};

const methodsWithBody = new Set(['post', 'put', 'patch']);

function errorCodesOf(
  method: string,
  path: string,
  operation: Operation,
  doc: OpenApiDocument,
): string[] {
  const codes = ['400', '429'];
  const secured = (operation.security ?? doc.security ?? []).some((s) => Object.keys(s).length > 0);
  if (secured) codes.push('401', '403');
  if (path.includes('{')) codes.push('404');
  if (methodsWithBody.has(method)) codes.push('413', '415');
  // @ladder/idempotency refuses a key reused with another body, on every route that takes one.
  const takesIdempotencyKey = (operation.parameters ?? []).some(
    (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
  );
  if (takesIdempotencyKey) codes.push('422');
  return codes;
}

/**
 * Makes the OpenAPI document say what the API answers: every error is `application/problem+json`
 * (a route's own error schemas are moved to that type), and the errors that the HTTP base gives on
 * any route (validation, credentials, scope, unknown id, body size and type, rate limit, an
 * Idempotency-Key reused with another request) are added where a route does not list them. A client generated from the document then expects what comes.
 */
export function describeStandardResponses(document: OpenApiDocument): OpenApiDocument {
  const schemas = {
    ...document.components?.schemas,
    Problem: z.toJSONSchema(problemJsonSchema, { io: 'output' }),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const next: Record<string, unknown> = { ...item };
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      const responses: Record<string, Response> = {};
      for (const [code, response] of Object.entries(operation.responses ?? {})) {
        const content = response.content;
        // An error is problem+json whatever the route's own type (a CSV route's `produces`
        // would otherwise be listed for its errors too).
        const schema = content?.['application/json'] ?? Object.values(content ?? {})[0];
        responses[code] =
          Number(code) >= 400 && schema !== undefined
            ? { ...response, content: { [problemType]: schema } }
            : response;
      }
      for (const code of errorCodesOf(method, path, operation, document)) {
        responses[code] ??= {
          description: standard[code]!,
          content: { [problemType]: { schema: problemRef } },
        };
      }
      next[method] = { ...operation, responses };
    }
    paths[path] = next;
  }
  return { ...document, components: { ...document.components, schemas }, paths };
}
