import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Streams CSV lines as a download: each line is written as it is made, so an export of every
 * journey never sits whole in memory. (A stream is not serialised against the route's schema,
 * which declares `text/csv` for the OpenAPI document.)
 */
export function sendCsv(
  reply: FastifyReply,
  filename: string,
  lines: Iterable<string> | AsyncIterable<string>,
): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(Readable.from(lines));
}
