import type { FastifyPluginOptions } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpApp } from './create-http-app.js';

/** What a group of routes needs from the app around it. */
export interface RoutesMeta {
  /** Names the group in errors and in the list of registered plugins. */
  name: string;
  /** Shared plugins (by their fastify-plugin name) that must be registered first: `ladder-auth`. */
  dependencies?: string[];
  /** Decorators that must exist first, e.g. `{ request: ['caller'] }`. */
  decorators?: { fastify?: string[]; request?: string[]; reply?: string[] };
}

/**
 * Declares a service's routes as an encapsulated Fastify plugin: its hooks, decorators and
 * settings stay inside it, and registering it before what it depends on fails at boot, naming the
 * missing plugin. fastify-plugin is for shared plugins (it lifts what they add to the parent);
 * routes only need Fastify to read their declared needs, which it does from this metadata.
 */
export function routes<Options extends FastifyPluginOptions>(
  meta: RoutesMeta,
  plugin: (app: HttpApp, options: Options) => Promise<void> | void,
): FastifyPluginAsyncZod<Options> {
  // Fastify waits for a plugin's promise (or its `done`): route groups that only declare routes
  // need neither, so they may be plain functions.
  const encapsulated: FastifyPluginAsyncZod<Options> = async (app, options) => {
    await plugin(app, options);
  };
  return Object.assign(encapsulated, {
    [Symbol.for('plugin-meta')]: { ...meta, fastify: '5.x' },
    [Symbol.for('fastify.display-name')]: meta.name,
  });
}
