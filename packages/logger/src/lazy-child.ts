import type { Bindings, ChildLoggerOptions, Level, Logger } from 'pino';

const levels: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** What a stand-in holds: how to make the child, and the child once made. */
interface Lazy {
  parent: Logger;
  bindings: Bindings;
  options: ChildLoggerOptions | undefined;
  child?: Logger;
}

const lazy = Symbol('lazy child');
type StandIn = { [lazy]: Lazy };

const made = (s: Lazy): Logger => (s.child ??= s.parent.child(s.bindings, s.options));

// Shared by every stand-in (one is made a request): what can be answered without the child.
const beforeMade = new Map<PropertyKey, unknown>([
  ...levels.map((level): [Level, unknown] => [
    level,
    function (this: StandIn, ...args: Parameters<Logger[Level]>) {
      const s = this[lazy];
      if (s.child || s.parent.isLevelEnabled(level)) made(s)[level](...args);
    },
  ]),
  [
    'child',
    function (this: StandIn, ...args: Parameters<Logger['child']>) {
      return made(this[lazy]).child(...args);
    },
  ],
]);

const standIn: ProxyHandler<Lazy> = {
  get(s, property) {
    if (property === lazy) return s;
    if (!s.child && beforeMade.has(property)) return beforeMade.get(property);
    const real = made(s);
    const value: unknown = Reflect.get(real, property, real);
    // Its methods run on the child itself, not on this stand-in.
    return typeof value === 'function' ? (value as () => unknown).bind(real) : value;
  },
  set: (s, property, value) => Reflect.set(made(s), property, value),
  has: (s, property) => Reflect.has(made(s), property),
};

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
  return new Proxy<Lazy>({ parent: logger, bindings, options }, standIn) as unknown as L;
}
