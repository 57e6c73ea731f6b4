import type { FastifyInstance } from 'fastify';
import type { Logger } from '@ladder/logger';

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests finish (Fastify's
 * close), then run `onClose` (consumers, relays, pools) and exit. A second signal, or the
 * timeout, exits at once.
 */
export function closeGracefully(
  app: FastifyInstance,
  options: { logger: Logger; timeoutMs: number; onClose?: () => Promise<void> },
): void {
  let closing = false;
  const close = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    options.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      options.logger.error('shutdown timed out');
      process.exit(1);
    }, options.timeoutMs);
    timer.unref();
    app
      .close()
      .then(() => options.onClose?.())
      .then(() => {
        options.logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', close);
  process.once('SIGINT', close);
}
