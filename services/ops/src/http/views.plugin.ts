import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import nunjucks from 'nunjucks';
import { day, label, time } from './formatters.js';

/** nhsuk-frontend's compiled files: its Nunjucks macros (`nhsuk/...`), CSS and assets. */
const nhsukDist = join(
  dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/package.json')),
  'dist',
);
const views = fileURLToPath(new URL('../../views', import.meta.url));

/**
 * Server-rendered pages in the NHS design system: nhsuk-frontend's macros through Nunjucks (with
 * autoescaping), its CSS and images under /nhsuk/. The pages work without JavaScript.
 */
const plugin: FastifyPluginAsync = async (app) => {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [views, nhsukDist],
    options: {
      onConfigure: (env: nunjucks.Environment) =>
        env.addFilter('day', day).addFilter('time', time).addFilter('label', label),
    },
  });
  await app.register(fastifyStatic, {
    root: join(nhsukDist, 'nhsuk'),
    prefix: '/nhsuk/',
    // Only the design system's own files: its stylesheet and images, never its sources.
    allowedPath: (path) => path === '/nhsuk-frontend.min.css' || path.startsWith('/assets/'),
    maxAge: '1h',
  });
};

export const viewsPlugin = fp(plugin, { name: 'ops-views', fastify: '5.x' });
