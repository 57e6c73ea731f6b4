export * from './journey.js';
export * from './checks.js';
export * from './deadlines.js';
export * from './people.js';
export * from './reasons.js';
export * from './training.js';
export * from './work.js';
export * from './reports.js';
