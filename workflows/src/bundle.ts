/** npm run bundle (in workflows/): writes dist/workflow-bundle.js for production workers (WORKFLOW_BUNDLE). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { bundleWorkflows } from './worker.js';

const { code } = await bundleWorkflows();
const target = new URL('../dist/workflow-bundle.js', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, code);
process.stdout.write(`wrote ${target.pathname} (${Math.round(code.length / 1024)} KiB)\n`);
