export { createHttpApp, type HttpApp, type HttpAppOptions } from './create-http-app.js';
export {
  ProblemError,
  problem,
  problemJsonSchema,
  problemTypeBase,
  type ProblemDetails,
} from './problem.js';
export { closeGracefully } from './close-gracefully.js';
