export { open, parseKeyRing, seal, type KeyRing } from './key-ring.js';
