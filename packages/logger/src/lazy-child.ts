import type { Bindings, ChildLoggerOptions, Level, Logger } from 'pino';

const levels: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/**
 * `logger.child(bindings, options)`, made only when it is first needed: when it logs at a level
 * that `logger` writes, or when anything else of it is used. Until then a line below the level
 * costs nothing. For a child made on every request (Fastify's request logger) that most
 * requests never write with: making a child passes its bindings through the redaction, which
 * costs more than the rest of making it. What it writes, once made, is the child's own.
 */
export function lazyChild<L extends Logger>(
  logger: L,
  bindings: Bindings,
  options?: ChildLoggerOptions,
): L {
  // A child with a level of its own may write what `logger` would not: made at once.
  if (options?.level !== undefined) return logger.child(bindings, options) as L;
  let child: Logger | undefined;
  const made = (): Logger => (child ??= logger.child(bindings, options));
  const bound = new Map<PropertyKey, unknown>();
  const beforeMade = new Map<PropertyKey, unknown>([
    ...levels.map((level): [Level, unknown] => [
      level,
      (...args: Parameters<Logger[Level]>) => {
        if (child || logger.isLevelEnabled(level)) made()[level](...args);
      },
    ]),
    ['child', (...args: Parameters<Logger['child']>) => made().child(...args)],
  ]);
  return new Proxy({} as L, {
    get(_target, property) {
      if (!child && beforeMade.has(property)) return beforeMade.get(property);
      const real = made();
      const value: unknown = Reflect.get(real, property, real);
      if (typeof value !== 'function') return value;
      // Its methods run on the child itself, not on this stand-in.
      if (!bound.has(property)) bound.set(property, (value as () => unknown).bind(real));
      return bound.get(property);
    },
    set: (_target, property, value) => Reflect.set(made(), property, value),
    has: (_target, property) => Reflect.has(made(), property),
  });
}
