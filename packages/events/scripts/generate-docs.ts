import { writeFileSync } from 'node:fs';
import { eventCatalogue, renderEventsMarkdown } from '../src/index.js';

const target = new URL('../../../docs/events.md', import.meta.url);
writeFileSync(target, renderEventsMarkdown(eventCatalogue));
process.stdout.write(`wrote ${target.pathname}\n`);
