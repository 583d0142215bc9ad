// The API tokens module's public door: other modules and the composition root import from here only.
export { registerApiTokenRoutes } from './api-tokens.routes.js';
export { ApiTokensService } from './api-tokens.service.js';
