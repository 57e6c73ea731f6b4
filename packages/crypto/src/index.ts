export {
  open,
  openWithRing,
  parseKeyRing,
  seal,
  sealWithRing,
  type KeyRing,
  type RingSealed,
} from './key-ring.js';
export { keyRingEnv } from './key-ring-env.js';
