// The accounts module's public door: other modules and the composition root import from here only.
export type { User } from './user.entity.js';
export type { AuthContext } from './auth-context.js';
export { registerAccountRoutes, toAuditView, type AccountRoutesDeps } from './accounts.routes.js';
export { AccountsService, type AccountsDeps } from './accounts.service.js';
export { AccountsRepository } from './accounts.repository.js';
export {
  authenticate,
  authenticateFromCache,
  csrfProtection,
  requireRole,
  requireScope,
  requireSession,
  requireUser,
  sessionFromCache,
  signedIn,
  withRole,
  withScope,
  type SessionUsers,
} from './auth.middleware.js';
export { registerOAuthRoutes } from './oauth/oauth.routes.js';
export { DatabaseSessionStore } from './session-store.js';
export { SessionUserCache } from './session-user-cache.js';
export { sessionCookieName, sessionMiddleware } from './session.js';
