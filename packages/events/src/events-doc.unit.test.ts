import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventCatalogue, renderEventsMarkdown } from './index.js';

describe('docs/events.md', () => {
  it('when compared with the schemas, then it is up to date (regenerate: pnpm --filter @ladder/events run generate-docs)', () => {
    const committed = readFileSync(new URL('../../../docs/events.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderEventsMarkdown(eventCatalogue));
  });

  it('when rendered, then every event type and version has a section listing its fields', () => {
    const doc = renderEventsMarkdown(eventCatalogue);
    for (const event of eventCatalogue)
      expect(doc).toContain(`### ${event.type} v${event.version}`);
    expect(doc).toContain('| `eligibility.decision` | `eligible` \\| `not-eligible` | yes |');
  });
});
