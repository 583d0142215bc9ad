// The postbacks module's public door: other modules and the composition root import from here only.
export { registerNetworkHealthRoutes } from './network-health.routes.js';
export { NetworkHealthService } from './network-health.service.js';
export { registerNetworkSecretRoutes } from './network-secrets.routes.js';
export {
  NetworkSecretsService,
  DEFAULT_GRACE_DAYS,
  type NetworkCredentials,
} from './network-secrets.service.js';
export { PostbackInboxRepository } from './postback-inbox.repository.js';
export { postbackRouter } from './postbacks.routes.js';
export { PostbacksService, type PostbackAnswer } from './postbacks.service.js';
