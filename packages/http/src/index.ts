export { createHttpApp, type HttpApp, type HttpAppOptions } from './create-http-app.js';
export {
  ProblemError,
  problem,
  problemJsonSchema,
  problemTypeBase,
  type ProblemDetails,
} from './problem.js';
export { routes, type RoutesMeta } from './routes.js';
export { calendarDay, freeText, positiveInt, postgresIntMax, timestamp } from './input-schemas.js';
export { describeStandardResponses, type OpenApiDocument } from './openapi-responses.js';
