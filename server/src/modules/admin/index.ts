// The admin module's public door: staff routes that compose other modules.
export { registerAdminConversionRoutes } from './admin-conversions.routes.js';
export { registerAdminUserRoutes } from './admin-users.routes.js';
