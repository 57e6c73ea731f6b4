// The workflow bundle's entry point: every workflow the worker runs.
export { journeyWorkflow } from './journey.workflow.js';
