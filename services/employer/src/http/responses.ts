import { problemJsonSchema } from '@ladder/http';
import type { z } from 'zod';

/**
 * The answers of a creating POST that acts for a participant: created (201) or replayed (200),
 * not allowed for this caller (403), no such thing of theirs (404), in conflict (409), or not
 * processable (422, naming the field).
 */
export const creatingResponses = <Schema extends z.ZodType>(schema: Schema) => ({
  200: schema,
  201: schema,
  403: problemJsonSchema,
  404: problemJsonSchema,
  409: problemJsonSchema,
  422: problemJsonSchema,
});
