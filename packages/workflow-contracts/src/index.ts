export * from './journey.js';
export * from './definitions.js';
export * from './search-attributes.js';
export * from './refusals.js';
