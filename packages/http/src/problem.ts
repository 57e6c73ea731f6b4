import { z } from 'zod';

/** Problem types are stable URIs under this base; each is explained in packages/http/README.md. */
export const problemTypeBase = 'https://ladder.invalid/problems/';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  [extra: string]: unknown;
}

/** An RFC 9457 problem: throw it from a route and the error handler answers with it. */
export class ProblemError extends Error {
  readonly problem: ProblemDetails;

  /** `type` is a full URI, or a short name under {@link problemTypeBase}. */
  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    const type = problem.type.includes(':') ? problem.type : `${problemTypeBase}${problem.type}`;
    this.problem = { ...problem, type };
  }

  get status(): number {
    return this.problem.status;
  }

  toJSON(): ProblemDetails {
    return this.problem;
  }
}

const make =
  (status: number, type: string, title: string) =>
  (detail?: string, extras: Record<string, unknown> = {}): ProblemError =>
    new ProblemError({
      type,
      title,
      status,
      ...(detail === undefined ? {} : { detail }),
      ...extras,
    });

export const problem = {
  badRequest: make(400, 'bad-request', 'The request is not valid'),
  unauthorized: make(401, 'unauthorized', 'Credentials are missing or not valid'),
  forbidden: make(403, 'forbidden', 'Not allowed for these credentials'),
  notFound: make(404, 'not-found', 'Not found'),
  conflict: make(409, 'conflict', 'Conflicts with the current state'),
  unprocessable: make(422, 'unprocessable', 'Understood, but cannot be processed'),
};

/** For route response schemas (and so the OpenAPI document). */
export const problemJsonSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .loose();
