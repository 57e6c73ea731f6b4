import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ProblemError, problemTypeBase, type ProblemDetails } from './problem.js';

function send(reply: FastifyReply, problem: ProblemDetails): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** `body.person.dateOfBirth` from the part of the request and the path within it. */
function fieldName(context: string | undefined, instancePath: string): string {
  return [context ?? 'request', ...instancePath.split('/').filter(Boolean)].join('.');
}

/**
 * Every error becomes problem+json. Validation errors list each bad field by name (never its
 * value, which may be personal data); 5xx answers say nothing of the cause, which is logged.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ProblemError) return send(reply, error.problem);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      const errors = error.validation.map((v) => ({
        field: fieldName(context, v.instancePath),
        message: v.message ?? 'is not valid',
      }));
      return send(reply, {
        type: `${problemTypeBase}validation`,
        title: 'The request is not valid',
        status: 400,
        detail: `${errors.length} field(s) are not valid: ${errors.map((e) => e.field).join(', ')}`,
        errors,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const headers = (error as { headers?: Record<string, string> }).headers;
      if (headers) void reply.headers(headers);
      return send(reply, {
        type: `${problemTypeBase}${status === 429 ? 'rate-limited' : status === 413 ? 'too-large' : 'bad-request'}`,
        title:
          status === 429
            ? 'Too many requests'
            : status === 413
              ? 'The request body is too large'
              : 'The request is not valid',
        status,
        // Fastify's own client-error messages (bad JSON, wrong content type) name no data.
        detail: error.message,
      });
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, {
      type: `${problemTypeBase}internal`,
      title: 'Something went wrong on our side',
      status: 500,
      detail: `Quote request id ${request.id} when reporting this.`,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, {
      type: `${problemTypeBase}not-found`,
      title: 'Not found',
      status: 404,
      detail: `No route ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
}
