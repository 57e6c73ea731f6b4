import {
  NativeConnection,
  Worker,
  bundleWorkflowCode,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { temporalWorkerTracing, workflowTracingModule, type Tracing } from '@ladder/tracing';
import { journeyTaskQueue } from '@ladder/workflow-contracts';
import type { JourneyActivities } from './activities/journey.activities.js';

export const workflowsPath = new URL('./workflows/index.ts', import.meta.url).pathname;
/** The worker's own tables (beyond the backbone's outbox): pass to @ladder/db's migrate. */
export const workerMigrationsDir = new URL('../migrations', import.meta.url).pathname;

/** Bundles the workflows once (npm run bundle): production workers load the result instead. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: [workflowTracingModule] });
}

export interface JourneyWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  activities: JourneyActivities;
  dataConverter: DataConverter;
  /** Path of a prebuilt bundle; without one the worker bundles at start (development). */
  bundlePath?: string;
  taskQueue?: string;
  /** The process's tracing (see @ladder/tracing); off when absent. */
  tracing?: Tracing;
}

export function createJourneyWorker(options: JourneyWorkerOptions): Promise<Worker> {
  const { interceptors, sinks } = temporalWorkerTracing(options.tracing);
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? journeyTaskQueue,
    activities: options.activities,
    dataConverter: options.dataConverter,
    interceptors,
    sinks,
    ...(options.bundlePath
      ? { workflowBundle: { codePath: options.bundlePath } }
      : { workflowsPath }),
    // Give in-flight activities time to finish on SIGTERM before the worker stops.
    shutdownGraceTime: '20 seconds',
  });
}
