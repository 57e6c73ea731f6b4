export { authPlugin, requireScope, type AuthPluginOptions } from './auth-plugin.js';
export {
  CredentialStore,
  keyCacheMs,
  type ApiKeyInfo,
  type Organisation,
} from './credential-store.js';
export { demoEnv, loadDemo, type DemoLoad } from './demo-load.js';
export { openDemoCredentials, type DemoCredentials, type DemoKeys } from './demo-credentials.js';
export { migrateIdentity } from './migrate-identity.js';
export {
  allScopes,
  organisationKinds,
  scopes,
  type Caller,
  type OrganisationKind,
} from './model.js';
export { actorOf, type Actor } from './request-actor.js';
