import type { ServerProcessSpec } from './processes.js';

/**
 * `durable` for the developer stack, whose data must survive a crash; `throwaway` for test stacks,
 * which trade durability for speed (their data is deleted afterwards anyway).
 */
export type Durability = 'durable' | 'throwaway';

/** What `install()` found or built: the version to report and whatever `prepare()` needs. */
export interface Installation {
  version: string;
  paths: Record<string, string>;
}

/**
 * One real server of the stack. The stack module runs every definition the same way (install,
 * prepare its data folder, spawn, wait until healthy, stop), for the long-lived developer stack and
 * for the throwaway stacks that tests start.
 */
export interface ServerDefinition<Ports extends Record<string, number>, Endpoint> {
  name: string;
  defaultPorts: Ports;
  install(): Promise<Installation>;
  /** Creates config and data in `dir` when missing (keeps them otherwise) and says what to run. */
  prepare(
    installation: Installation,
    dir: string,
    ports: Ports,
    durability: Durability,
  ): Promise<ServerProcessSpec>;
  endpoint(ports: Ports): Endpoint;
  healthy(endpoint: Endpoint): Promise<boolean>;
  startTimeoutMs: number;
}
