import { describe, expect, it } from 'vitest';
import { describeStandardResponses, type OpenApiDocument } from './openapi-responses.js';

const document: OpenApiDocument = {
  openapi: '3.1.0',
  security: [{ bearer: [] }],
  paths: {
    '/v1/things/{id}': {
      get: {
        responses: {
          200: {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          404: {
            description: 'none',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
    '/v1/things': {
      post: { responses: { 201: { description: 'made' } } },
    },
    '/v1/things.csv': {
      get: {
        responses: {
          200: { description: 'csv', content: { 'text/csv': { schema: { type: 'string' } } } },
          404: { description: 'none', content: { 'text/csv': { schema: { type: 'object' } } } },
        },
      },
    },
    '/v1/orders': {
      post: {
        parameters: [{ name: 'idempotency-key', in: 'header', required: true }],
        responses: { 201: { description: 'made' } },
      },
    },
    '/v1/catalogue': {
      get: { security: [], responses: { 200: { description: 'ok' } } },
    },
  },
};

type Responses = Record<string, { content?: Record<string, unknown> }>;
const responsesOf = (doc: OpenApiDocument, path: string, method: string): Responses =>
  (doc.paths![path]![method] as { responses: Responses }).responses;

describe('describeStandardResponses', () => {
  const described = describeStandardResponses(document);

  it('when a route lists an error as JSON, then the document lists it as problem+json, and successes stay as they were', () => {
    const responses = responsesOf(described, '/v1/things/{id}', 'get');
    expect(Object.keys(responses['404']!.content!)).toEqual(['application/problem+json']);
    expect(Object.keys(responses['200']!.content!)).toEqual(['application/json']);
  });

  it('when a route produces CSV, then its errors are still listed as problem+json', () => {
    const responses = responsesOf(described, '/v1/things.csv', 'get');
    expect(Object.keys(responses['404']!.content!)).toEqual(['application/problem+json']);
    expect(Object.keys(responses['200']!.content!)).toEqual(['text/csv']);
  });

  it('when a secured route takes a body, then the errors the HTTP base gives are all listed', () => {
    expect(Object.keys(responsesOf(described, '/v1/things', 'post')).sort()).toEqual(
      ['201', '400', '401', '403', '413', '415', '429'].sort(),
    );
    expect(Object.keys(responsesOf(described, '/v1/things/{id}', 'get')).sort()).toEqual(
      ['200', '400', '401', '403', '404', '429'].sort(),
    );
  });

  it('when a route takes an Idempotency-Key, then the refusal of a key reused with another body (422) is listed', () => {
    expect(Object.keys(responsesOf(described, '/v1/orders', 'post'))).toContain('422');
    expect(Object.keys(responsesOf(described, '/v1/things', 'post'))).not.toContain('422');
  });

  it('when a route is public, then it lists no 401 or 403', () => {
    expect(Object.keys(responsesOf(described, '/v1/catalogue', 'get')).sort()).toEqual(
      ['200', '400', '429'].sort(),
    );
  });

  it('when described, then the Problem schema is a component that the added errors refer to', () => {
    expect(described.components?.schemas?.Problem).toMatchObject({ type: 'object' });
    expect(responsesOf(described, '/v1/things', 'post')['401']!.content).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
  });
});
