export * from './journey.js';
export * from './definitions.js';
