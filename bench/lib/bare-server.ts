import type { FastifyInstance } from 'fastify';
import type pg from 'pg';

/** Serves a bare baseline on PORT until SIGTERM, then closes it and its pool and exits. */
export async function serveBare(app: FastifyInstance, pool: pg.Pool): Promise<void> {
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
  process.on(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => pool.end())
        .then(() => process.exit(0)),
  );
}
